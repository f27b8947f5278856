package io.kubesim.scenarios;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared folders (manifests, traces) beside the repository ({@code ../shared} from its root) by
 * walking up from the working directory, so tests run from any module or from the root.
 */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** {@code shared/manifests}, if present. */
    public static Optional<Path> manifests() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null) {
            Path candidate = d.resolve("shared").resolve("manifests");
            if (Files.isRegularFile(candidate.resolve("SOURCES.md"))) {
                return Optional.of(candidate);
            }
            d = d.getParent();
        }
        return Optional.empty();
    }

    /** {@code shared/traces}, if present. */
    public static Optional<Path> traces() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null) {
            Path candidate = d.resolve("shared").resolve("traces");
            if (Files.isRegularFile(candidate.resolve("SOURCES.md"))) {
                return Optional.of(candidate);
            }
            d = d.getParent();
        }
        return Optional.empty();
    }
}
