package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.SharedFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An HPA whose target kubesim does not scale, or that is not in the input, loads with a located
 * warning: the API server accepts both (issues 11 and 12; the run reports FailedGetScale). Deployments,
 * ReplicaSets and ReplicationControllers are scalable targets.
 */
class ScaleTargetWarningsTest {
    private static String hpa(String apiVersion, String kind, String name) {
        return """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: db}
                spec:
                  scaleTargetRef:
                    apiVersion: %s
                    kind: %s
                    name: %s
                  maxReplicas: 5
                """.formatted(apiVersion, kind, name);
    }

    private static List<String> warnings(String yaml) {
        return new ManifestLoader().loadText("h.yaml", yaml).warnings().stream().map(Diagnostic::format).toList();
    }

    @Test
    void aTargetOfAKindKubesimDoesNotRunIsAWarningAtItsKind() {
        List<String> w = warnings(hpa("apps.kruise.io/v1alpha1", "CloneSet", "db"));
        assertEquals(List.of("h.yaml:7:5: warning: kubesim does not run CloneSet objects: this "
                + "HorizontalPodAutoscaler's target CloneSet \"db\" is not simulated, so it does nothing and "
                + "reports FailedGetScale at each sync"), w);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ReplicaSet, apps/v1", "ReplicationController, v1"})
    void aMissingTargetOfAScalableKindIsAWarningAtTheTargetsName(String kind, String apiVersion) {
        List<String> w = warnings(hpa(apiVersion, kind, "cart"));
        assertEquals(List.of("h.yaml:8:11: warning: HorizontalPodAutoscaler \"db\" scales " + kind + " \"cart\", "
                + "which is not in the input: it does nothing and reports FailedGetScale at each sync"), w);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ReplicaSet, apps/v1", "ReplicationController, v1"})
    void aTargetOfAScalableKindInTheInputIsFound(String kind, String apiVersion) {
        String selector = kind.equals("ReplicaSet") ? "{matchLabels: {app: cart}}" : "{app: cart}";
        String target = """
                apiVersion: %s
                kind: %s
                metadata: {name: cart}
                spec:
                  selector: %s
                  template:
                    metadata: {labels: {app: cart}}
                    spec: {containers: [{name: cart, image: "cart:1"}]}
                """.formatted(apiVersion, kind, selector);
        assertEquals(List.of(), warnings(hpa(apiVersion, kind, "cart") + "---\n" + target));
    }

    @Test
    void aTargetOfAnotherKindWithTheSameNameIsNotTheTarget() {
        String web = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cart}
                spec:
                  selector: {matchLabels: {app: cart}}
                  template:
                    metadata: {labels: {app: cart}}
                    spec: {containers: [{name: cart, image: "cart:1"}]}
                """;
        assertEquals(1, warnings(hpa("apps/v1", "ReplicaSet", "cart") + "---\n" + web).size());
    }

    @Test
    void aCustomResourceTargetLoadsAndKeepsItsKindAndGroup() {
        Loaded<List<Manifest>> r = new ManifestLoader().loadText("h.yaml", hpa("argoproj.io/v1alpha1", "Rollout", "web"));
        var h = (Manifest.HorizontalPodAutoscalerManifest) r.value().get(0);
        assertEquals("Rollout", h.targetKind());
        assertEquals("argoproj.io/v1alpha1", h.targetApiVersion());
        assertEquals(1, r.warnings().size());
    }

    @Test
    void aMissingDeploymentIsAWarningAtTheTargetsName() {
        List<String> w = warnings(hpa("apps/v1", "Deployment", "cart"));
        assertEquals(List.of("h.yaml:8:11: warning: HorizontalPodAutoscaler \"db\" scales Deployment \"cart\", which is "
                + "not in the input: it does nothing and reports FailedGetScale at each sync"), w);
    }

    @Test
    void aDeploymentInAnotherDocumentIsFound() {
        String web = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cart}
                spec:
                  selector: {matchLabels: {app: cart}}
                  template:
                    metadata: {labels: {app: cart}}
                    spec: {containers: [{name: cart, image: "cart:1"}]}
                """;
        assertEquals(List.of(), warnings(hpa("apps/v1", "Deployment", "cart") + "---\n" + web));
    }

    @Test
    void sockShopsCartHpaNamesADeploymentCalledCarts() {
        Path dir = SharedFiles.manifests().orElse(null);
        assumeTrue(dir != null, "../shared/manifests not present");
        Loaded<List<Manifest>> r = new ManifestLoader().load(List.of(dir.resolve("sock-shop/complete-demo.yaml").toString(),
                dir.resolve("sock-shop/autoscaling-hpas.yaml").toString()));
        List<String> w = r.warnings().stream().map(Diagnostic::message)
                .filter(m -> m.startsWith("HorizontalPodAutoscaler")).toList();
        assertEquals(List.of("HorizontalPodAutoscaler \"cart\" scales Deployment \"cart\", which is not in the input "
                + "(did you mean \"carts\"?): it does nothing and reports FailedGetScale at each sync"), w);
    }

    @Test
    void sockShopsHpasWithoutTheirDeploymentsLoadWithAWarningEach() {
        Path dir = SharedFiles.manifests().orElse(null);
        assumeTrue(dir != null, "../shared/manifests not present");
        Loaded<List<Manifest>> r = new ManifestLoader().load(List.of(dir.resolve("sock-shop/autoscaling-hpas.yaml")
                .toString()));
        List<String> w = r.warnings().stream().map(Diagnostic::message).toList();
        assertTrue(w.contains("HorizontalPodAutoscaler \"cart\" scales Deployment \"cart\", which is not in the input: it "
                + "does nothing and reports FailedGetScale at each sync"), w.toString());
        long hpas = r.value().stream().filter(m -> m instanceof Manifest.HorizontalPodAutoscalerManifest).count();
        assertEquals(hpas, w.stream().filter(m -> m.contains("which is not in the input")).count());
    }
}
