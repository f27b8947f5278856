package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of the bad-input corpus (src/test/resources/bad-input, {@link BadInputCorpus}): the
 * exit code and the exact stderr its {@code case.txt} states, no stack trace, nothing written where
 * the input was refused (no {@code --out} folder, no staging folder left), within {@link #SECONDS}
 * seconds, and all of them in one JVM of {@link #HEAP}, so a case that needs more memory fails
 * here. {@code -Dkubesim.updateGoldens=true} rewrites each case's expected stderr from what it
 * printed, for review.
 */
class BadInputCorpusTest {
    /** The heap every case must fit in (the 65,536-replica Deployment needs most of it; the 50 MB manifest 256 MiB). */
    static final String HEAP = "-Xmx512m";
    /** The time any one case may take (the 50 MB manifest takes a few seconds). */
    static final long SECONDS = 30;
    static final Path CORPUS = Path.of("src/test/resources/bad-input");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCase() throws Exception {
        Path corpus = tmp.resolve("bad-input");
        copy(CORPUS, corpus);
        Path report = tmp.resolve("report.json");
        Path log = tmp.resolve("runner.log");
        Process p = ChildJvm.start(List.of(HEAP), BadInputCorpus.class, log, List.of(corpus.toString(), report.toString()));
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the corpus runner did not finish");
        assertEquals(0, p.exitValue(), () -> read(log));
        JsonNode outcomes = new ObjectMapper().readTree(report.toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : BadInputCorpus.cases(corpus)) {
            BadInputCorpus.Case c = BadInputCorpus.read(dir);
            JsonNode o = outcomes.get(c.name());
            tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c, o, dir)));
        }
        return tests.stream();
    }

    private static void check(BadInputCorpus.Case c, JsonNode o, Path dir) throws IOException {
        String stderr = o.get("stderr").asText().replace(dir.toString(), "$CASE");
        String stdout = o.get("stdout").asText();
        if (Boolean.getBoolean("kubesim.updateGoldens")) {
            update(CORPUS.resolve(c.name()).resolve("case.txt"), o.get("exit").asInt(), stderr);
            return;
        }
        assertEquals(c.exit(), o.get("exit").asInt(), () -> "exit code; stderr: " + stderr);
        assertEquals(c.stderr(), stderr);
        for (String printed : List.of(stdout, stderr)) {
            assertFalse(printed.contains("Exception") || printed.contains("\tat ") || printed.contains("    at "),
                    "no stack trace: " + printed);
        }
        assertTrue(o.get("millis").asLong() < SECONDS * 1000, "took " + o.get("millis").asLong() + " ms");
        assertEquals(List.of(), new ObjectMapper().convertValue(o.get("leftovers"), List.class),
                "no staging folder is left behind");
        if (c.exit() != ExitCodes.OK && c.exit() != ExitCodes.GATE_TRIPPED) {
            assertFalse(o.get("outWritten").asBoolean(), "a refused input writes nothing");
        }
    }

    /** Rewrites the exit code and stderr of a case.txt, keeping its comments and arguments. */
    private static void update(Path caseTxt, int exit, String stderr) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(caseTxt, StandardCharsets.UTF_8)) {
            if (line.startsWith("exit:")) {
                break;
            }
            sb.append(line).append('\n');
        }
        sb.append("exit: ").append(exit).append('\n').append("stderr:\n").append(stderr);
        Files.writeString(caseTxt, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
