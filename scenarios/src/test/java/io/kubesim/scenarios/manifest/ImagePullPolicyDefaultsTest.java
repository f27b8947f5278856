package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.api.ImagePullPolicy;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.InputException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code imagePullPolicy} as the API server defaults it from the image reference (k8s-semantics.md 16.2). */
class ImagePullPolicyDefaultsTest {
    private static String pod(String image, String policy) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      image: "%s"
                """.formatted(image) + (policy == null ? "" : "      imagePullPolicy: " + policy + "\n");
    }

    static Stream<Arguments> policies() {
        String digest = "sha256:6b0bb6b1f6d9d1a2c5bd7ec9ce7a9d3b2a0b5f0f3a6e2f1d0c9b8a7f6e5d4c3b";
        return Stream.of(
                Arguments.of("a tag", "registry.example.com/web:1.4.2", null, ImagePullPolicy.IF_NOT_PRESENT),
                Arguments.of("the latest tag", "registry.example.com/web:latest", null, ImagePullPolicy.ALWAYS),
                Arguments.of("no tag (the parser fills in latest)", "nginx", null, ImagePullPolicy.ALWAYS),
                Arguments.of("a registry port is not a tag", "localhost:5000/web", null, ImagePullPolicy.ALWAYS),
                Arguments.of("a registry port and a tag", "localhost:5000/web:2", null, ImagePullPolicy.IF_NOT_PRESENT),
                Arguments.of("a digest only", "nginx@" + digest, null, ImagePullPolicy.IF_NOT_PRESENT),
                Arguments.of("latest and a digest", "nginx:latest@" + digest, null, ImagePullPolicy.ALWAYS),
                Arguments.of("explicit Never on latest", "nginx:latest", "Never", ImagePullPolicy.NEVER),
                Arguments.of("explicit IfNotPresent without a tag", "nginx", "IfNotPresent", ImagePullPolicy.IF_NOT_PRESENT),
                Arguments.of("explicit Always on a tag", "nginx:1.27", "Always", ImagePullPolicy.ALWAYS));
    }

    @ParameterizedTest(name = "{0}: {1} -> {3}")
    @MethodSource("policies")
    void defaultedFromTheTagExplicitValuesKept(String name, String image, String policy, ImagePullPolicy expected) {
        var m = (Manifest.PodManifest) new ManifestLoader().loadText("p.yaml", pod(image, policy)).value().get(0);
        assertEquals(expected, m.spec().containers().get(0).imagePullPolicy());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void aRolloutKeepsThePolicyTheStoredObjectGot(String name, String image, String policy, ImagePullPolicy expected) {
        var m = (Manifest.PodManifest) new ManifestLoader().loadText("p.yaml", pod(image, policy)).value().get(0);
        // kubectl set image changes the image of a stored object, whose policy is already set.
        assertEquals(expected, m.spec().containers().get(0).withImage("other:latest").imagePullPolicy());
    }

    @org.junit.jupiter.api.Test
    void neverIsALocatedWarningNamingWhereToPreloadTheImage() {
        // k8s-semantics.md 18.1: Never needs the image already on the node; a real cluster has it
        // preloaded, kubesim's nodes only with the pool's images, so the warning says where to list it.
        var r = new ManifestLoader().loadText("p.yaml", pod("registry.example.com/web:1.4.2", "Never"));
        assertEquals(java.util.List.of("p.yaml:8:7: warning: imagePullPolicy Never: container \"c\" starts only "
                        + "where registry.example.com/web:1.4.2 is already on the node: list it under the node pool's "
                        + "images (cluster.nodePools[].images) if the nodes are built with it; elsewhere it waits in "
                        + "ErrImageNeverPull"),
                r.warnings().stream().map(io.kubesim.scenarios.Diagnostic::format).toList());
    }

    @org.junit.jupiter.api.Test
    void anUnknownPolicyIsALocatedError() {
        InputException e = assertThrows(InputException.class,
                () -> new ManifestLoader().loadText("p.yaml", pod("nginx:1", "Sometimes")));
        assertEquals("unsupported imagePullPolicy \"Sometimes\": expected Always, IfNotPresent or Never", e.detail());
        assertEquals(8, e.line(), e.format());
        assertEquals(24, e.column(), e.format());
    }
}
