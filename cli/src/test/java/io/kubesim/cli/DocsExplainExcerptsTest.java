package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/explain.md shows real output: each {@code $ kubesim explain runs/NAME ...} excerpt is run
 * (the run made from {@code library/NAME.yaml}, or the scenario the page's {@code kubesim run}
 * line names for it) and every line it shows must be a line explain prints; a line ending in
 * {@code ...} must start one, and a lone {@code ...} stands for lines left out.
 */
class DocsExplainExcerptsTest {
    private static final Pattern RUN = Pattern.compile("^\\$ kubesim run (library/\\S+\\.yaml) .*--out runs/(\\S+)");
    private static final Pattern EXPLAIN = Pattern.compile("^\\$ kubesim explain runs/(\\S+) (.+)$");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("every excerpt of docs/explain.md is what explain prints on that library scenario")
    void excerptsAreReal() throws IOException {
        List<String> lines = Files.readAllLines(CliHarness.ROOT.resolve("docs/explain.md"));
        Map<String, String> scenarios = new HashMap<>();
        Map<String, Path> runs = new HashMap<>();
        int excerpts = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher run = RUN.matcher(lines.get(i));
            if (run.find()) {
                scenarios.put(run.group(2), run.group(1));
            }
            Matcher m = EXPLAIN.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            excerpts++;
            String name = m.group(1);
            Path dir = runs.computeIfAbsent(name, n -> runWithDecisions(scenarios.getOrDefault(n, "library/" + n + ".yaml"), n));
            List<String> args = new ArrayList<>(List.of("explain", dir.toString()));
            args.addAll(List.of(m.group(2).split(" ")));
            CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, r.exitCode(), lines.get(i) + ": " + r.err());
            List<String> printed = r.out().lines().toList();
            for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("```") && !lines.get(j).startsWith("$ "); j++) {
                String shown = lines.get(j);
                if (shown.isBlank() || shown.strip().equals("...")) {
                    continue;
                }
                boolean found = shown.endsWith("...")
                        ? printed.stream().anyMatch(p -> p.startsWith(shown.substring(0, shown.length() - 3).stripTrailing()))
                        : printed.contains(shown);
                if (!found) {
                    wrong.add("docs/explain.md:" + (j + 1) + ": " + shown);
                }
            }
        }
        assertTrue(excerpts >= 4, "the page shows each question; found " + excerpts);
        assertEquals(List.of(), wrong, "lines explain does not print");
    }

    private Path runWithDecisions(String scenario, String name) {
        Path out = tmp.resolve(name);
        CliHarness.Result r = CliHarness.run("run", CliHarness.ROOT.resolve(scenario).toString(), "--decisions",
                "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), scenario + ": " + r.err());
        return out;
    }
}
