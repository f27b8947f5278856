package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console of {@code kubesim run} fits a screen (docs/outputs.md, "Console"): on
 * {@code library/online-boutique-rollout.yaml} (11 Services, 12 workloads, 10 rollouts) each list
 * shows its 5 worst items, worst first and ties by name, then one "N more ... in summary.json" line.
 */
class ConsoleLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static List<String> lines;
    static JsonNode summary;

    @BeforeAll
    static void run() throws IOException {
        Path out = tmp.resolve("boutique");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("online-boutique-rollout.yaml"), "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        lines = r.out().lines().toList();
        summary = JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    @DisplayName("the first line names the scenario and seed, the last one where the outputs are")
    void firstAndLastLines() {
        assertTrue(lines.get(0).startsWith("scenario online-boutique-rollout (seed 2024): 15m0s simulated in "),
                lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("  wrote "), lines.get(lines.size() - 1));
    }

    @Test
    @DisplayName("services with requests: the 5 with the most failed, ties by name, then how many more")
    void topServices() {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        summary.get("services").fields().forEachRemaining(e -> {
            if (e.getValue().get("requests").asLong() > 0) { // frontend-external receives none: not listed
                all.add(e);
            }
        });
        all.sort(Comparator.<Map.Entry<String, JsonNode>>comparingLong(e -> -e.getValue().get("failed").asLong())
                .thenComparing(Map.Entry::getKey));
        assertTrue(all.size() > 5, "the scenario has more than 5 Services");
        List<String> expected = all.subList(0, 5).stream().map(Map.Entry::getKey).toList();
        assertEquals(expected, names("  service "));
        assertTrue(lines.contains("  " + (all.size() - 5) + " more service(s) in summary.json"), String.join("\n", lines));
    }

    @Test
    @DisplayName("workloads: the 5 longest below their desired replicas, ties by name, then how many more")
    void topWorkloads() {
        List<JsonNode> all = new ArrayList<>();
        summary.get("workloads").forEach(w -> {
            if (!List.of("Job", "CronJob").contains(w.get("kind").asText())) {
                all.add(w);
            }
        });
        all.sort(Comparator.<JsonNode>comparingDouble(w -> -w.get("secondsBelowDesired").asDouble())
                .thenComparing(w -> w.get("name").asText()));
        assertTrue(all.size() > 5, "the scenario has more than 5 workloads");
        assertEquals(all.subList(0, 5).stream().map(w -> w.get("name").asText()).toList(), names("  deployment "));
        assertTrue(lines.contains("  " + (all.size() - 5) + " more workload(s) in summary.json"));
    }

    @Test
    @DisplayName("an action without a target (failBusiestNode of the whole cluster) reads 'action failBusiestNode at'")
    void actionWithoutTarget() throws IOException {
        String scenario = java.nio.file.Files.readString(Path.of(CliHarness.library("node-failure.yaml")))
                .replace("failNodes: {nodes: [pool-a-3]}", "failBusiestNode: {}")
                .replace("  - manifests/payments.yaml", "  - " + CliHarness.library("manifests/payments.yaml"));
        Path file = tmp.resolve("busiest.yaml");
        java.nio.file.Files.writeString(file, scenario);
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", tmp.resolve("busiest").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  action failBusiestNode at 120s: ")), r.out());
    }

    @Test
    @DisplayName("actions: one line each for the first 5 in play order, with their cost, then how many more")
    void actions() {
        JsonNode actions = summary.get("actions");
        assertTrue(actions.size() > 5, "the scenario has more than 5 timeline actions");
        List<String> shown = lines.stream().filter(l -> l.startsWith("  action ")).toList();
        assertEquals(5, shown.size());
        for (int i = 0; i < 5; i++) {
            JsonNode a = actions.get(i);
            // by Service, most failures first (then by name), at most 3
            List<Map.Entry<String, Long>> byService = new ArrayList<>();
            a.get("failedByService").fields().forEachRemaining(f -> byService.add(Map.entry(f.getKey(),
                    f.getValue().get("failed").asLong())));
            byService.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            StringBuilder failed = new StringBuilder();
            for (int k = 0; k < Math.min(3, byService.size()); k++) {
                failed.append(k == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%,d", byService.get(k).getValue()))
                        .append(k == 0 ? " failed at " : " at ").append(byService.get(k).getKey());
            }
            if (byService.size() > 3) {
                failed.append(" and ").append(byService.size() - 3).append(" more Service(s)");
            }
            assertEquals("  action " + a.get("kind").asText() + " " + a.get("target").asText() + " at "
                    + a.get("start").asText() + "s: settled after " + a.get("seconds").asText() + "s, "
                    + (failed.length() == 0 ? "0 failed" : failed) + ", 0s of outage", shown.get(i));
        }
        assertTrue(lines.contains("  " + (actions.size() - 5) + " more action(s) in summary.json"));
    }

    @Test
    @DisplayName("-q hides the summary but never a warning")
    void quietKeepsWarnings() {
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("online-boutique-rollout.yaml"), "--out",
                tmp.resolve("quiet").toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("warning: not simulated (yet): 11 ServiceAccount"), r.err());
    }

    /** The second word of each console line starting with {@code prefix}, in order. */
    private static List<String> names(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).split(" ")[0])
                .toList();
    }
}
