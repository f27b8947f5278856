package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/audit.md's examples are what {@code kubesim audit} prints for the shared manifests today. */
class DocsAuditExcerptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED = CliHarness.ROOT.resolveSibling("shared").resolve("manifests");

    private static String doc() throws IOException {
        return Files.readString(CliHarness.ROOT.resolve("docs/audit.md"));
    }

    @Test
    void theTableOfEverySharedManifestIsCurrent() throws IOException {
        String doc = doc();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SHARED)) {
            files = s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        }
        assertTrue(files.size() >= 10, files.toString());
        for (Path f : files) {
            CliHarness.Result r = CliHarness.run("audit", f.toString(), "--format", "json");
            assertEquals(ExitCodes.OK, r.exitCode(), f + ": " + r.err());
            JsonNode d = JSON.readTree(r.out());
            Map<String, Integer> rules = new TreeMap<>();
            d.get("findings").forEach(x -> rules.merge(x.get("rule").asText(), 1, Integer::sum));
            StringBuilder fired = new StringBuilder();
            rules.entrySet().stream().sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                    : b.getValue() - a.getValue()).forEach(e -> fired.append(fired.length() == 0 ? "" : ", ")
                    .append('`').append(e.getKey()).append("` ").append(e.getValue()));
            String row = "| `" + SHARED.relativize(f).toString().replace('\\', '/') + "` | " + d.get("objects").asInt()
                    + " | " + d.at("/summary/high").asInt() + " | " + d.at("/summary/medium").asInt() + " | "
                    + d.at("/summary/low").asInt() + " | " + fired + " |";
            assertTrue(doc.contains(row + "\n"), "docs/audit.md should have the row\n" + row);
        }
    }

    @Test
    void thePodinfoExampleIsTheOutput() throws IOException {
        CliHarness.Result r = CliHarness.run("audit", SHARED.resolve("podinfo").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        // the doc runs it from the corpus's folder: `kubesim audit podinfo/`
        String printed = r.out().replace(SHARED.resolve("podinfo").toString(), "podinfo");
        assertTrue(doc().contains("```\n" + printed + "```\n"), "docs/audit.md's podinfo example:\n" + printed);
    }

    @Test
    void theCorpusInFullIsWhatAuditPrints() throws IOException {
        String doc = doc();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SHARED)) {
            files = s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        }
        for (Path f : files) {
            CliHarness.Result r = CliHarness.run("audit", f.toString());
            assertEquals(ExitCodes.OK, r.exitCode(), f + ": " + r.err());
            // the doc runs it from the corpus's folder, so its paths are relative to it
            String printed = r.out().replace(SHARED + java.io.File.separator, "");
            assertTrue(doc.contains("```\n" + printed + "```\n"), "docs/audit.md's full text of " + SHARED.relativize(f));
        }
    }
}
