package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The project's own stable copy of online-boutique (library/manifests) loads, and matches the shared original. */
class LibraryManifestsTest {
    private static Path libraryCopy() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null) {
            Path f = d.resolve("library/manifests/online-boutique/kubernetes-manifests.yaml");
            if (Files.isRegularFile(f)) {
                return f;
            }
            d = d.getParent();
        }
        throw new AssertionError("library/manifests/online-boutique/kubernetes-manifests.yaml not found");
    }

    @Test
    void onlineBoutiqueCopyLoads() {
        Path f = libraryCopy();
        List<Manifest> ms = new ManifestLoader().load(List.of(f.toString())).value();
        assertEquals(12, ms.stream().filter(m -> m.kind().equals("Deployment")).count());
        assertEquals(12, ms.stream().filter(m -> m.kind().equals("Service")).count());
        assertTrue(Files.isRegularFile(f.resolveSibling("NOTICE.md")), "the copy carries its NOTICE");
    }

    @Test
    void copyIsVerbatim() throws Exception {
        var shared = SharedFiles.manifests();
        Assumptions.assumeTrue(shared.isPresent(), "shared/manifests not beside the repository; nothing to compare");
        assertArrayEquals(Files.readAllBytes(shared.get().resolve("online-boutique/kubernetes-manifests.yaml")),
                Files.readAllBytes(libraryCopy()));
    }
}
