package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Application behaviour per version (issue 16): library/prestop-sleep.yaml's rollout to
 * checkout:1.5.0, with that version slower (200 ms instead of 25 ms). The new pods bring the new
 * behaviour; before the rollout every request is served as the old version serves it.
 */
class ApplicationVersionsTest {
    @TempDir
    Path tmp;

    private Path scenario(String versions) throws IOException {
        String base = Files.readString(CliHarness.ROOT.resolve("library/prestop-sleep.yaml"))
                .replace("manifests/checkout-prestop.yaml",
                        CliHarness.ROOT.resolve("library/manifests/checkout-prestop.yaml").toAbsolutePath().toString());
        String text = base.replace("      timeout: 10s\n", "      timeout: 10s\n" + versions);
        Path f = tmp.resolve("versions.yaml");
        Files.writeString(f, text);
        return f;
    }

    /** checkout's p50 per second from the run's timeseries.csv, {@code [second] -> ms}. */
    private static double p50(Path run, int second) throws IOException {
        for (String line : Files.readAllLines(run.resolve("timeseries.csv"))) {
            String[] c = line.split(",");
            if (c[1].equals("service_latency_p50_ms") && !c[0].equals("time") && Double.parseDouble(c[0]) == second) {
                return Double.parseDouble(c[3]);
            }
        }
        return Double.NaN;
    }

    @Test
    @DisplayName("a version keyed by image: after the rollout to it, requests are served at its 200 ms; before, at 25 ms")
    void theNewImageBringsItsBehaviour() throws IOException {
        Path f = scenario("""
                    versions:
                      - image: registry.example.com/checkout:1.5.0
                        serving: {serviceTime: 200ms}
                """);
        Path out = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", f.toString(), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(p50(out, 100) < 40, "the old version: " + p50(out, 100));
        assertEquals(200, p50(out, 250), 1, "the new version's pods alone after the rollout");
    }

    @Test
    @DisplayName("a bad release: the version that errors 30 % of what it serves fails requests only once its pods take "
            + "traffic, each answered with its 503")
    void aBadRelease() throws IOException {
        Path f = scenario("""
                    versions:
                      - image: registry.example.com/checkout:1.5.0
                        serving: {errorRatio: 0.3, errorStatus: 503}
                """);
        Path out = tmp.resolve("bad");
        assertEquals(ExitCodes.OK, CliHarness.run("run", f.toString(), "--out", out.toString(), "-q").exitCode());
        com.fasterxml.jackson.databind.JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("summary.json").toFile());
        long errors = s.at("/requests/byCause/app_error").asLong();
        long after = 0;
        for (String line : Files.readAllLines(out.resolve("timeseries.csv"))) {
            String[] c = line.split(",");
            if (c[1].equals("service_requests") && !c[0].equals("time") && Double.parseDouble(c[0]) >= 140) {
                after += (long) Double.parseDouble(c[3]);
            }
        }
        assertEquals(0.3 * after, errors, 0.05 * after, "30 % of what the new pods served: " + errors + " of " + after);
        assertEquals(errors, s.at("/requests/byStatus/503").asLong(), "answered 503");
        assertTrue(s.at("/actions/0/failed").asLong() > 0, "the rollout's window has the failures");
        // Per version (ReplicaSet): the old one served without a failure, the new one has them all.
        com.fasterxml.jackson.databind.JsonNode versions = s.at("/workloads/Deployment~1checkout/versions");
        assertEquals(2, versions.size(), versions.toString());
        long newFailed = 0;
        long total = 0;
        for (java.util.Iterator<com.fasterxml.jackson.databind.JsonNode> it = versions.elements(); it.hasNext(); ) {
            com.fasterxml.jackson.databind.JsonNode v = it.next();
            total += v.get("requests").asLong();
            if (v.get("image").asText().endsWith(":1.5.0")) {
                newFailed = v.get("failed").asLong();
            } else {
                assertEquals(0, v.get("failed").asLong(), "the old version: " + v);
            }
        }
        assertEquals(errors, newFailed, "the new version's failures are its app errors");
        assertEquals(s.at("/requests/total").asLong(), total, 1, "every request served by one version or the other");
    }

    @Test
    @DisplayName("undo: the bad release is rolled back a minute in; the old revision's ReplicaSet scales up again, "
            + "app errors stop, and the Deployment records the rollback")
    void undoBoundsABadRelease() throws IOException {
        Path f = scenario("""
                    versions:
                      - image: registry.example.com/checkout:1.5.0
                        serving: {errorRatio: 0.3, errorStatus: 503}
                """);
        String text = Files.readString(f) + "  - at: 3m\n    undo: {deployment: checkout}\n";
        Files.writeString(f, text);
        Path out = tmp.resolve("undo");
        CliHarness.Result r = CliHarness.run("run", f.toString(), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        boolean recorded = false;
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            recorded |= line.contains("\"reason\":\"DeploymentRollback\"")
                    && line.contains("Rolled back deployment \\\"checkout\\\" to revision 1");
        }
        assertTrue(recorded, "the DeploymentRollback event");
        long late = 0;
        for (String line : Files.readAllLines(out.resolve("timeseries.csv"))) {
            String[] c = line.split(",");
            if (c[1].equals("service_failed") && c[2].contains("cause=app_error") && Double.parseDouble(c[0]) > 240) {
                late += (long) Double.parseDouble(c[3]);
            }
        }
        assertEquals(0, late, "no app error once the old version is back");
        com.fasterxml.jackson.databind.JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("summary.json").toFile());
        assertEquals("undo", s.at("/actions/1/kind").asText());
        long errors = s.at("/requests/byCause/app_error").asLong();
        assertTrue(errors > 100 && errors < 0.3 * 300 * 60, "a minute of the bad release at most: " + errors);
    }

    @Test
    @DisplayName("rollbackOn: the bad release is undone 20 s after its error ratio stayed above 5 % for 10 s; the "
            + "failures are a fraction of the unguarded rollout's")
    void rollbackOnBoundsABadRelease() throws IOException {
        String bad = """
                    versions:
                      - image: registry.example.com/checkout:1.5.0
                        serving: {errorRatio: 0.3, errorStatus: 503}
                """;
        Path plain = tmp.resolve("plain");
        assertEquals(ExitCodes.OK, CliHarness.run("run", scenario(bad).toString(), "--out", plain.toString(), "-q")
                .exitCode());
        Path f = scenario(bad);
        Files.writeString(f, Files.readString(f).replace("images: {checkout: \"registry.example.com/checkout:1.5.0\"}}",
                "images: {checkout: \"registry.example.com/checkout:1.5.0\"},\n"
                        + "               rollbackOn: {errorRatio: 5%, for: 10s, reactionDelay: 20s, bakeTime: 1m}}"));
        Path guarded = tmp.resolve("guarded");
        CliHarness.Result r = CliHarness.run("run", f.toString(), "--out", guarded.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        String triggered = null;
        for (String line : Files.readAllLines(guarded.resolve("events.jsonl"))) {
            if (line.contains("\"reason\":\"RollbackTriggered\"")) {
                triggered = line;
            }
        }
        assertTrue(triggered != null && triggered.contains("error ratio") && triggered.contains("above 5.0 %")
                && triggered.contains("undo in 20s"), "" + triggered);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode g = json.readTree(guarded.resolve("summary.json").toFile());
        com.fasterxml.jackson.databind.JsonNode p = json.readTree(plain.resolve("summary.json").toFile());
        assertEquals("undo", g.at("/actions/1/kind").asText(), "the automatic undo is an action of its own");
        long guardedErrors = g.at("/requests/byCause/app_error").asLong();
        long plainErrors = p.at("/requests/byCause/app_error").asLong();
        assertTrue(guardedErrors > 0 && guardedErrors * 3 < plainErrors, guardedErrors + " against " + plainErrors);
    }

    @Test
    @DisplayName("pause holds a rollout where it is (a canary by hand: some new pods serve, the rest stay old) until "
            + "resume; the rollout completes only after it")
    void pauseAndResume() throws IOException {
        Path f = scenario("");
        String text = Files.readString(f) + "  - at: 2m4s\n    pause: {deployment: checkout}\n"
                + "  - at: 4m\n    resume: {deployment: checkout}\n";
        Files.writeString(f, text);
        Path out = tmp.resolve("paused");
        CliHarness.Result r = CliHarness.run("run", f.toString(), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        java.util.Map<Integer, Double> updated = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("timeseries.csv"))) {
            String[] c = line.split(",");
            if (c[1].equals("deployment_pods_updated") && !c[0].equals("time")) {
                updated.put((int) Double.parseDouble(c[0]), Double.parseDouble(c[3]));
            }
        }
        double held = updated.get(150);
        assertTrue(held >= 1 && held < 4, "part of the pods updated when the pause took effect: " + updated.get(150));
        for (int t = 150; t < 240; t += 10) {
            assertEquals(held, updated.get(t), "paused: no progress at " + t + " s");
        }
        assertEquals(4, updated.get(299), "resumed and completed");
        com.fasterxml.jackson.databind.JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("summary.json").toFile());
        double end = s.at("/deployments/checkout/rollouts/0/end").asDouble();
        assertTrue(end > 240, "the rollout completes after the resume: " + end);
        assertEquals("pause", s.at("/actions/1/kind").asText());
        assertEquals("resume", s.at("/actions/2/kind").asText());
    }

    @Test
    @DisplayName("a version that names no pod's image changes nothing; bad version keys are errors at their line")
    void matchingAndErrors() throws IOException {
        Path f = scenario("""
                    versions:
                      - image: registry.example.com/checkout:9.9.9
                        serving: {serviceTime: 200ms}
                """);
        Path out = tmp.resolve("none");
        assertEquals(ExitCodes.OK, CliHarness.run("run", f.toString(), "--out", out.toString(), "-q").exitCode());
        assertTrue(p50(out, 250) < 40, "no pod runs 9.9.9: " + p50(out, 250));

        for (List<String> bad : List.of(
                List.of("      - serving: {serviceTime: 200ms}\n",
                        "expected exactly one of image, label (key=value) and annotation (key=value) to say which pods "
                                + "are this version, got none"),
                List.of("      - {image: x, label: a=b}\n",
                        "expected exactly one of image, label (key=value) and annotation (key=value) to say which pods "
                                + "are this version, got 2"),
                List.of("      - {label: version}\n", "expected key=value, got \"version\""))) {
            Path g = scenario("    versions:\n" + bad.get(0));
            CliHarness.Result r = CliHarness.run("validate", g.toString());
            assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
            assertTrue(r.err().contains(bad.get(1)), r.err());
            assertTrue(r.err().startsWith("error: " + g + ":"), "located: " + r.err());
        }
    }
}
