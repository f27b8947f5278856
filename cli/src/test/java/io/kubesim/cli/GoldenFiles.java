package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected outputs kept under {@code cli/src/test/resources/explain/}. An intended change is
 * recorded by running the tests with {@code -Dkubesim.updateGoldens=true} (e.g.
 * {@code mvn -B -o -pl cli -am test -Dtest='Explain*Test' -Dsurefire.failIfNoSpecifiedTests=false -Dkubesim.updateGoldens=true})
 * and reviewing the diff before committing it.
 */
final class GoldenFiles {
    static final Path DIR = Path.of("src/test/resources/explain");

    private GoldenFiles() {
    }

    /** {@code actual} equals the golden file {@code name} byte for byte (or becomes it, when updating). */
    static void assertMatches(String name, String actual) throws IOException {
        Path golden = DIR.resolve(name);
        if (Boolean.getBoolean("kubesim.updateGoldens")) {
            Files.createDirectories(DIR);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(golden), "missing golden file " + golden + "; run with -Dkubesim.updateGoldens=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                "differs from " + golden + " (if intended: -Dkubesim.updateGoldens=true, then review the diff)");
    }
}
