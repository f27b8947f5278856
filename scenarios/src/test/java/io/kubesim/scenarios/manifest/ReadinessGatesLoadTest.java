package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spec.readinessGates} loads (k8s-semantics.md 16.6), with one located warning per gate type. */
class ReadinessGatesLoadTest {
    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  readinessGates:
                    - conditionType: target-health.elbv2.k8s.aws/k8s-default-web-0123456789
                  containers: [{name: web, image: "web:1"}]
            """;

    @Test
    void theGateIsOnThePodSpecAndWarnedAboutAtItsConditionType() {
        Loaded<List<Manifest>> r = new ManifestLoader().loadText("w.yaml", WEB);
        var d = (Manifest.DeploymentManifest) r.value().get(0);
        assertEquals(List.of("target-health.elbv2.k8s.aws/k8s-default-web-0123456789"),
                d.template().spec().readinessGates());
        assertEquals(List.of("w.yaml:10:11: warning: readiness gate \"target-health.elbv2.k8s.aws/k8s-default-web-0123456789\": "
                + "no controller in kubesim sets this pod condition, so its pods never become Ready (no Service traffic, "
                + "counted unavailable); declare it under the scenario's readinessGates to have it set after a delay"),
                r.warnings().stream().map(Diagnostic::format).toList());
    }
}
