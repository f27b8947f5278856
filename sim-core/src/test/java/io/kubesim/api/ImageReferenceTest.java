package io.kubesim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Image references as the runtime normalizes them: the names in pull events and registry errors. */
class ImageReferenceTest {
    static Stream<Arguments> references() {
        return Stream.of(
                Arguments.of("nginx", "docker.io/library/nginx:latest", "registry-1.docker.io", "library/nginx", "latest"),
                Arguments.of("nginx:1.27", "docker.io/library/nginx:1.27", "registry-1.docker.io", "library/nginx", "1.27"),
                Arguments.of("bitnami/redis:7", "docker.io/bitnami/redis:7", "registry-1.docker.io", "bitnami/redis", "7"),
                Arguments.of("registry.example.com/shop/web:2.0", "registry.example.com/shop/web:2.0",
                        "registry.example.com", "shop/web", "2.0"),
                Arguments.of("localhost:5000/web", "localhost:5000/web:latest", "localhost:5000", "web", "latest"),
                Arguments.of("busybox@sha256:abc", "docker.io/library/busybox@sha256:abc", "registry-1.docker.io",
                        "library/busybox", "sha256:abc"),
                Arguments.of("busybox:1.38@sha256:abc", "docker.io/library/busybox:1.38@sha256:abc",
                        "registry-1.docker.io", "library/busybox", "sha256:abc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void normalizedAsTheRuntimeDoes(String image, String normalized, String host, String repository, String reference) {
        assertEquals(normalized, ImageReference.normalized(image));
        assertEquals(host, ImageReference.registryHost(image));
        assertEquals(repository, ImageReference.repository(image));
        assertEquals(reference, ImageReference.manifestReference(image));
    }
}
