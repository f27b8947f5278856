package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A v1 ReplicationController loads as a ReplicaSet of kind ReplicationController with an
 * equality selector (a plain map). SetDefaults_ReplicationController (pkg/apis/core/v1/defaults.go,
 * k8s-semantics.md 16): an absent or empty selector and empty labels come from the template's
 * labels, replicas default to 1.
 */
class ReplicationControllerLoadTest {
    private static String rc(String spec) {
        return """
                apiVersion: v1
                kind: ReplicationController
                metadata: {name: legacy}
                spec:
                %s
                  template:
                    metadata: {labels: {app: legacy, tier: web}}
                    spec: {containers: [{name: app, image: nginx}]}
                """.formatted(spec);
    }

    private static Manifest.ReplicaSetManifest load(String yaml) {
        Loaded<List<Manifest>> r = new ManifestLoader().loadText("m.yaml", yaml);
        assertEquals(List.of(), r.warnings(), "a ReplicationController loads without a warning");
        return (Manifest.ReplicaSetManifest) r.value().get(0);
    }

    @Test
    @DisplayName("spec.selector is an equality selector: each key must equal its value, no expressions")
    void selectorIsAnEqualitySelector() {
        Manifest.ReplicaSetManifest m = load(rc("  replicas: 3\n  selector: {app: legacy}"));
        assertEquals("ReplicationController", m.kind());
        assertTrue(m.replicationController());
        assertEquals(LabelSelector.of(Map.of("app", "legacy")), m.selector());
        assertEquals(3, m.replicas());
        assertTrue(m.selector().matches(Map.of("app", "legacy", "other", "x")));
        assertFalse(m.selector().matches(Map.of("app", "legacy-v2")));
    }

    @Test
    @DisplayName("16: no selector, no labels, no replicas: selector and labels from the template labels, 1 replica")
    void absentSelectorDefaultsToTheTemplateLabels() {
        Manifest.ReplicaSetManifest m = load(rc(""));
        assertEquals(LabelSelector.of(Map.of("app", "legacy", "tier", "web")), m.selector());
        assertEquals(Map.of("app", "legacy", "tier", "web"), m.labels());
        assertEquals(1, m.replicas());
    }

    @Test
    @DisplayName("16: an empty selector {} is the same as an absent one")
    void emptySelectorDefaultsToTheTemplateLabels() {
        assertEquals(LabelSelector.of(Map.of("app", "legacy", "tier", "web")), load(rc("  selector: {}")).selector());
    }

    @Test
    @DisplayName("A Pod of a kubectl dump owned by a ReplicationController of the input is adopted by it")
    void podsOfAReplicationControllerAreAdopted() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: legacy-abcde
                  labels: {app: legacy, tier: web}
                  ownerReferences: [{apiVersion: v1, kind: ReplicationController, name: legacy, controller: true}]
                spec: {containers: [{name: app, image: nginx}]}
                """;
        Loaded<List<Manifest>> r = new ManifestLoader().loadText("m.yaml", rc("") + "---\n" + pod);
        assertEquals(List.of("ReplicationController/legacy"), r.value().stream().map(m -> m.kind() + "/" + m.name()).toList());
    }

    @Test
    @DisplayName("A Service in front of a ReplicationController's pods loads without the unrun-workload warning")
    void serviceOfAReplicationControllerHasEndpoints() {
        String svc = """
                apiVersion: v1
                kind: Service
                metadata: {name: legacy}
                spec:
                  selector: {app: legacy}
                  ports: [{port: 80}]
                """;
        Loaded<List<Manifest>> r = new ManifestLoader().loadText("m.yaml", rc("") + "---\n" + svc);
        assertEquals(List.of(), r.warnings());
        assertEquals(2, r.value().size());
    }

    @Test
    @DisplayName("Pod template fields kubesim does not model are located warnings, as for a ReplicaSet")
    void unmodelledTemplateFieldsWarn() {
        String yaml = rc("").replace("    spec: {containers:", "    spec: {runtimeClassName: gvisor, containers:");
        var w = new ManifestLoader().loadText("m.yaml", yaml).warnings();
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).message().startsWith("ReplicationController \"legacy\" spec.template.spec.runtimeClassName: "),
                w.get(0).message());
    }

    static Stream<Arguments> badControllers() {
        return Stream.of(
                Arguments.of("selector not matching the template", rc("  selector: {app: other}"), 5, 13,
                        "selector (app=other) does not match the template labels {app=legacy, tier=web}"),
                Arguments.of("negative replicas", rc("  replicas: -2"), 5, 13,
                        "replicas must be greater than or equal to 0, got -2"),
                Arguments.of("no template", "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: x}\n"
                        + "spec: {replicas: 1}\n", 4, 1, "a ReplicationController needs spec.template"),
                Arguments.of("no selector and no template labels", "apiVersion: v1\nkind: ReplicationController\n"
                        + "metadata: {name: x}\nspec:\n  template:\n    spec: {containers: [{name: a, image: nginx}]}\n",
                        6, 5, "spec.template.metadata.labels are required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badControllers")
    void badInputIsOneLocatedError(String name, String yaml, int line, int column, String message) {
        InputException e = assertThrows(InputException.class, () -> new ManifestLoader().loadText("m.yaml", yaml));
        assertEquals("m.yaml:" + line + ":" + column + ": " + message, e.format());
    }
}
