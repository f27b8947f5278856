package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesim.reports.html.PodPlacements;
import io.kubesim.reports.html.RunOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables and the placement timeline of report.html, drawn from real runs of library
 * scenarios: which pod ran on which node when, what each action cost, the events (filterable,
 * capped), and every name escaped.
 */
class ReportSectionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String scenario) {
        Path out = tmp.resolve(scenario.replace(".yaml", ""));
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return out;
    }

    private static String section(String page, String id) {
        int at = page.indexOf("<section id=\"" + id + "\">");
        assertTrue(at >= 0, "section " + id);
        return page.substring(at, page.indexOf("</section>", at));
    }

    @Test
    @DisplayName("placement timeline of a drain: each pod on the drained node until the drain evicts it, its replacement on the new node from then to the end")
    void placementShowsADrain() throws Exception {
        Path out = run("drain-no-pdb.yaml");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode drain = summary.path("drains").get(0);
        String drained = drain.path("node").asText();
        double end = summary.path("simulatedSeconds").asDouble();
        List<PodPlacements.Placement> placements = PodPlacements.of(RunOutputs.read(out)).placements();
        List<PodPlacements.Placement> before = placements.stream().filter(p -> p.node().equals(drained)).toList();
        List<PodPlacements.Placement> after = placements.stream().filter(p -> !p.node().equals(drained)).toList();
        assertEquals(summary.path("drains").get(0).path("evicted").asInt(), before.size(), placements.toString());
        assertEquals(summary.path("pods").path("scheduled").asInt(), placements.size(), "one placement per scheduled pod");
        for (PodPlacements.Placement p : before) {
            assertEquals(drain.path("start").asDouble(), p.end(), "ends when the drain evicts it: " + p);
            assertEquals("Deployment/cart", p.workload(), "coloured by its Deployment, through its ReplicaSet");
        }
        for (PodPlacements.Placement p : after) {
            assertTrue(p.start() >= drain.path("start").asDouble(), p.toString());
            assertEquals(end, p.end(), "still running at the end of the run: " + p);
        }

        String page = Files.readString(out.resolve("report.html"));
        String placement = section(page, "placement");
        assertTrue(placement.contains("<svg"), "drawn as a chart");
        for (String text : new String[] {drained, after.get(0).node(), "Deployment/cart", "node draining"}) {
            assertTrue(placement.contains(">" + text + "<"), "the chart names " + text);
        }
    }

    @Test
    @DisplayName("placement timeline of a zone failure: the zone's nodes shaded down; their pods end when the taint-eviction controller deletes them")
    void placementShowsAZoneFailure() throws Exception {
        Path out = run("statefulset-zone-failure.yaml");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        List<String> failedNodes = new ArrayList<>();
        summary.path("nodes").path("failures").forEach(f -> failedNodes.add(f.path("node").asText()));
        assertFalse(failedNodes.isEmpty());
        List<JsonNode> evictions = CliHarness.events(out, "TaintManagerEviction");
        assertFalse(evictions.isEmpty());
        List<PodPlacements.Placement> placements = PodPlacements.of(RunOutputs.read(out)).placements();
        for (JsonNode e : evictions) {
            String pod = e.path("object").asText().substring("Pod/".length());
            PodPlacements.Placement p = placements.stream().filter(x -> x.pod().equals(pod) && failedNodes.contains(x.node()))
                    .findFirst().orElseThrow();
            assertEquals(e.path("time").asDouble(), p.end(), "its pod's bar ends at the eviction: " + p);
        }
        assertTrue(placements.stream().anyMatch(p -> p.workload().equals("StatefulSet/orders-db")), "StatefulSet pods by their set");

        String placement = section(Files.readString(out.resolve("report.html")), "placement");
        assertTrue(placement.contains(">node down<"), "the legend names the shading");
        // each failed node's row is shaded in the legend's red, translucent, over its pods' bars
        assertTrue(Pattern.compile("fill:rgb\\(214,39,40\\);fill-opacity:0\\.43").matcher(placement).find(),
                "a failed node's row is shaded");
        for (String n : failedNodes) {
            assertTrue(placement.contains(">" + n + "<"), n);
        }
    }

    @Test
    @DisplayName("a run with many nodes: at most 40 node rows, the failed and drained nodes among them, the rest counted")
    void placementFoldsLargeRuns() throws Exception {
        Path out = run("statefulset-zone-failure.yaml");
        List<String> events = new ArrayList<>(Files.readAllLines(out.resolve("events.jsonl")));
        int before = (int) PodPlacements.of(RunOutputs.read(out)).placements().stream().map(PodPlacements.Placement::node)
                .distinct().count();
        // 200 more nodes with 5 pods each, placed after the run's own events
        for (int n = 1; n <= 200; n++) {
            for (int p = 0; p < 5; p++) {
                events.add(String.format(Locale.ROOT, "{\"time\":%d,\"type\":\"Normal\",\"reason\":\"Scheduled\","
                        + "\"object\":\"Pod/default/extra-%d-%d\",\"message\":\"Successfully assigned default/extra-%d-%d "
                        + "to big-%d\",\"source\":\"default-scheduler\"}", 1700 + p, n, p, n, p, n));
            }
        }
        Files.write(out.resolve("events.jsonl"), events);
        assertEquals(ExitCodes.OK, CliHarness.run("report", out.toString()).exitCode());
        String placement = section(Files.readString(out.resolve("report.html")), "placement");
        assertTrue(placement.contains("<p>40 of " + (before + 200) + " nodes drawn"), "the note");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        summary.path("nodes").path("failures").forEach(f ->
                assertTrue(placement.contains(">" + f.path("node").asText() + "<"), "a failed node is always drawn"));
        assertTrue(placement.length() < 400_000, "bounded: " + placement.length());
    }

    @Test
    @DisplayName("the same run draws the same report bytes (placement shading, tables and events included)")
    void deterministic() throws Exception {
        Path a = run("statefulset-zone-failure.yaml");
        Path b = tmp.resolve("again");
        assertEquals(ExitCodes.OK, CliHarness.run("run", CliHarness.library("statefulset-zone-failure.yaml"), "--out",
                b.toString(), "-q").exitCode());
        assertEquals(Files.readString(a.resolve("report.html")), Files.readString(b.resolve("report.html")));
    }

    @Test
    @DisplayName("the per-action cost table: one row per summary.json action with its settling time, failures by Service and cause, outage, workloads below desired, evictions")
    void actionCostTable() throws Exception {
        Path out = run("drain-no-pdb.yaml");
        JsonNode a = JSON.readTree(out.resolve("summary.json").toFile()).path("actions").get(0);
        String costs = section(Files.readString(out.resolve("report.html")), "action-costs");
        String from = costs.substring(costs.indexOf("<tr><td>" + a.path("kind").asText() + " " + a.path("target").asText()));
        String row = from.substring(0, from.indexOf("</tr>"));
        assertTrue(row.contains(String.format(Locale.ROOT, ">%,d of %,d", a.path("failed").asLong(), a.path("requests").asLong())), row);
        assertTrue(row.contains(">" + a.path("seconds").asLong() + "<"), "settled after: " + row);
        a.path("failedByService").path("cart").path("byCause").fields().forEachRemaining(c ->
                assertTrue(row.contains(String.format(Locale.ROOT, "%,d %s", c.getValue().asLong(), c.getKey())), row));
        assertTrue(row.contains("cart: " + a.path("outageSeconds").path("cart").asLong() + " s"), row);
        JsonNode w = a.path("workloads").path("Deployment/cart");
        assertTrue(row.contains("Deployment/cart: min " + w.path("minAvailable").asLong() + ", "
                + w.path("secondsBelowDesired").asLong() + " s"), row);
        assertTrue(row.contains("<td class=\"num\">" + a.path("evictions").asLong() + "</td>"), row);
    }

    @Test
    @DisplayName("the events table: every event of a small run, Warnings marked for the filter, a script with no network access")
    void eventsTable() throws Exception {
        Path out = run("statefulset-zone-failure.yaml");
        List<String> lines = Files.readAllLines(out.resolve("events.jsonl"));
        String events = section(Files.readString(out.resolve("report.html")), "events");
        assertEquals(lines.size(), count(events, "<tr><td") + count(events, "<tr class=\"warning\"><td"), "one row per event");
        long warnings = lines.stream().filter(l -> l.contains("\"type\":\"Warning\"")).count();
        assertEquals(warnings, count(events, "<tr class=\"warning\">"));
        assertTrue(events.contains("id=\"events-text\"") && events.contains("id=\"events-warnings\""), "the two filters");
        assertFalse(events.contains("left out"), "nothing capped");
        for (String network : new String[] {"fetch(", "XMLHttpRequest", "http://", "https://", "src="}) {
            assertFalse(events.contains(network), network);
        }
    }

    @Test
    @DisplayName("a large run's events: the first 1000 Warnings and the first 1000 other events, with a note of what is left out")
    void eventsCapped() throws Exception {
        Path out = run("rolling-update.yaml");
        // a run's outputs with more events than the table shows: the run's own events, repeated
        List<String> lines = Files.readAllLines(out.resolve("events.jsonl"));
        List<String> many = new ArrayList<>();
        while (many.size() < 10_000) {
            many.addAll(lines);
        }
        Files.write(out.resolve("events.jsonl"), many);
        long warnings = many.stream().filter(l -> l.contains("\"type\":\"Warning\"")).count();
        long others = many.size() - warnings;
        assertTrue(warnings > 1000 && others > 1000, "both over the cap");
        assertEquals(ExitCodes.OK, CliHarness.run("report", out.toString()).exitCode());
        String events = section(Files.readString(out.resolve("report.html")), "events");
        assertEquals(1000, count(events, "<tr><td"), "the first 1000 other events");
        assertEquals(1000, count(events, "<tr class=\"warning\">"), "the first 1000 Warnings");
        assertTrue(events.contains(String.format(Locale.ROOT, "%,d events in events.jsonl", many.size())), "the note");
        assertTrue(events.contains((warnings - 1000) + " Warning(s) and " + (others - 1000) + " other event(s) are left out"),
                "the note counts them");
    }

    @Test
    @DisplayName("<script> in annotation and label values and in an image name (reaching event messages) is escaped everywhere in the page")
    void escaping() throws Exception {
        String script = "<script>alert(1)</script>";
        Files.writeString(tmp.resolve("web.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations: {note: "%1$s"}
                  labels: {app: web, team: "%1$s"}
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                      annotations: {note: "%1$s"}
                    spec:
                      containers:
                        - name: web
                          image: "registry.example.com/web:1.0%1$s"
                          resources:
                            requests: {cpu: 100m, memory: 128Mi}
                """.formatted(script));
        Files.writeString(tmp.resolve("scenario.yaml"), """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata:
                  name: escaping
                seed: 1
                duration: 1m
                manifests: [web.yaml]
                cluster:
                  nodePools:
                    - {name: pool-a, count: 1, allocatable: {cpu: "4", memory: 16Gi}}
                """);
        Path out = tmp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", tmp.resolve("scenario.yaml").toString(), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(Files.readString(out.resolve("events.jsonl")).contains(script), "the name reaches the events");
        String page = Files.readString(out.resolve("report.html"));
        assertFalse(page.contains(script), "never unescaped");
        assertFalse(page.contains("alert(1)</"), "no closing tag from the input either");
        assertEquals(1, count(page, "<script"), "the only script is the events filter");
        assertTrue(page.contains("registry.example.com/web:1.0&lt;script&gt;alert(1)&lt;/script&gt;"), "shown, escaped");
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
