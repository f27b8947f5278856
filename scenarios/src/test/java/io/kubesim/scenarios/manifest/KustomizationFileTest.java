package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.scenarios.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kustomization.yaml loaded with the files it names (a kustomize directory given as it is, as
 * kube-state-metrics' examples/standard) is kustomize's input, not an API object: kubectl apply -f
 * refuses it ("no matches for kind Kustomization"). It is a warning saying so and that its
 * patches and renames are not applied, not a "not simulated (yet)" kind.
 */
class KustomizationFileTest {
    @Test
    void aKustomizationIsAWarningAtItsKindNotANotSimulatedKind() {
        String yaml = """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: ksm, namespace: kube-system}
                ---
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: kube-system
                resources: [service-account.yaml]
                """;
        List<String> w = new ManifestLoader().loadText("m.yaml", yaml).warnings().stream().map(Diagnostic::format).sorted()
                .toList();
        assertEquals(List.of("m.yaml:2:1: warning: not simulated (yet): 1 ServiceAccount",
                "m.yaml:6:1: warning: kind Kustomization (kustomize.config.k8s.io/v1beta1) is kustomize's build "
                        + "file, not an object the API server takes (kubectl apply -f refuses it): it is skipped, and "
                        + "what it would change (namespace, name prefixes, labels, patches, images) is not applied; "
                        + "load the output of kustomize build (kubectl kustomize DIR) instead"), w);
    }
}
