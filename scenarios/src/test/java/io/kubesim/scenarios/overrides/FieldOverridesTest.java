package io.kubesim.scenarios.overrides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.manifest.ManifestLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --set TARGET:PATH=VALUE} applied to manifests before they are read. */
class FieldOverridesTest {
    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - {name: app, image: "app:1"}
                    - {name: proxy, image: "envoy:1"}
            """;

    private static Manifest.DeploymentManifest load(String... sets) {
        List<Manifest> m = new ManifestLoader().withOverrides(FieldOverrides.parse(List.of(sets)))
                .loadText("web.yaml", WEB).value();
        return (Manifest.DeploymentManifest) m.get(0);
    }

    @Test
    void setsScalarsMakesMissingMappingsAndSelectsListElementsByKey() {
        Manifest.DeploymentManifest d = load("deployment/web:spec.replicas=5",
                "deploy/web:spec.strategy.rollingUpdate.maxSurge=0",
                "default/deployment/web:spec.template.spec.containers[name=proxy].image=envoy:2",
                "deployment/web:spec.template.spec.containers[0].resources={requests: {cpu: 250m}}");
        assertEquals(5, d.replicas());
        assertEquals(0, d.strategy().maxSurge().value());
        assertEquals("envoy:2", d.template().spec().containers().get(1).image());
        assertEquals(250, d.template().spec().containers().get(0).requests().cpuMillis());
    }

    @Test
    void aValueTheApiServerWouldRefuseIsAnErrorAtItsArgument() {
        InputException e = assertThrows(InputException.class, () -> load("deployment/web:spec.replicas=-1"));
        assertEquals("--set #1:1:30: replicas must be greater than or equal to 0, got -1", e.format());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no colon | deployment/web.spec.replicas=3 | --set #1:1:1: expected TARGET:PATH=VALUE (e.g. deployment/web:spec.replicas=3 or scenario:traffic[0].rate=200), got \"deployment/web.spec.replicas=3\"",
        "bad target | web:spec.replicas=3 | --set #1:1:1: expected the target scenario, KIND/NAME or NAMESPACE/KIND/NAME (e.g. deployment/checkout), got \"web\"",
        "no such object | deployment/api:spec.replicas=3 | --set #1:1:1: no deployment named \"api\" in the scenario's manifests",
        "index out of range | deployment/web:spec.template.spec.containers[2].image=x | --set #1:1:45: spec.template.spec.containers has 2 elements; [2] is out of range",
        "no element with that key | deployment/web:spec.template.spec.containers[name=sidecar].image=x | --set #1:1:45: no element of spec.template.spec.containers with name=sidecar (name: app, proxy)",
        "a field of a scalar | deployment/web:spec.replicas.count=3 | --set #1:1:30: spec.replicas is an integer (2), not a mapping with field \"count\"",
        "bad selector | deployment/web:spec.template.spec.containers[x].image=y | --set #1:1:45: expected [N] or [KEY=VALUE] in the path, got [x]",
        "bad YAML value | deployment/web:spec.replicas=[3 | --set #1:1:30: expected a value as YAML writes it (3, 25%, true, {cpu: 500m}, [a, b]), got \"[3\"",
    })
    void badOverridesAreErrorsAtTheirArgument(String name, String set, String message) {
        InputException e = assertThrows(InputException.class, () -> {
            FieldOverrides o = FieldOverrides.parse(List.of(set));
            new ManifestLoader().withOverrides(o).loadText("web.yaml", WEB);
            o.checkAllApplied();
        });
        assertEquals(message, e.format());
    }
}
