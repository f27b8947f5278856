package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.Deployment;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code library/image-pull-backoff.yaml} as its comment tells it (k8s-semantics.md 18, 2.5): the
 * rollout at 2 min to a tag the registry does not have stalls at 8 old pods serving and 5 new ones
 * in ImagePullBackOff, retried 10, 20, 40, 80, 160, 300 s after each failure, and the Deployment
 * reports ProgressDeadlineExceeded 600 s after its last progress.
 */
class ImagePullBackoffLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAD = "registry.example.com/web:1.1.0-rc1";
    private static final double ROLLOUT = 120;

    @TempDir
    static Path tmp;
    static Path out;
    static JsonNode summary;

    @BeforeAll
    static void run() throws IOException {
        out = tmp.resolve("image-pull-backoff");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("image-pull-backoff.yaml"), "--out", out.toString(),
                "-q");
        assertEquals(0, r.exitCode(), r.err());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    @DisplayName("the rollout never completes: 8 old pods stay available (10 - maxUnavailable 2), 13 pods at most "
            + "(10 + maxSurge 3), and the rollout is reported past its progress deadline")
    void rolloutStalls() {
        JsonNode web = summary.get("deployments").get("web");
        assertEquals(8, web.get("availableReplicas").asInt());
        assertEquals(8, web.get("minAvailableObserved").asInt());
        assertEquals(13, web.get("maxPodsObserved").asInt());
        JsonNode rollout = web.get("rollouts").get(0);
        assertEquals(ROLLOUT, rollout.get("start").asDouble());
        assertFalse(rollout.get("completed").asBoolean());
        assertTrue(rollout.get("progressDeadlineExceeded").asBoolean());
        assertEquals(0, summary.get("pods").get("restarts").asInt(), "pull failures are no restarts");
    }

    @Test
    @DisplayName("the old pods keep serving: the only failed requests (35: refused, then connect timeouts once the pods "
            + "are gone) are those of the two old pods stopped at 2 min without a preStop hook")
    void oldPodsKeepServing() {
        JsonNode requests = summary.get("requests");
        assertEquals(35, requests.get("failed").asLong());
        assertEquals(requests.get("failed").asLong(), requests.get("byCause").get("connection_refused").asLong()
                + requests.get("byCause").get("connect_timeout").asLong());
        assertTrue(requests.get("total").asLong() > 80_000);
    }

    @Test
    @DisplayName("each new pod retries 10, 20, 40, 80, 160 and 300 s after each failed pull, with upstream's events")
    void backOffTiming() throws IOException {
        String pod = CliHarness.events(out, "Pulling").stream()
                .filter(e -> e.get("message").asText().contains(BAD)).findFirst().orElseThrow().get("object").asText();
        List<Double> pulls = new ArrayList<>();
        for (JsonNode e : CliHarness.events(out, "Pulling")) {
            if (e.get("object").asText().equals(pod)) {
                pulls.add(e.get("time").asDouble());
            }
        }
        List<Double> failures = new ArrayList<>();
        for (JsonNode e : CliHarness.events(out, "Failed")) {
            if (e.get("object").asText().equals(pod) && e.get("message").asText().startsWith("Failed to pull image")) {
                assertEquals("Failed to pull image \"" + BAD + "\": rpc error: code = NotFound desc = failed to pull and "
                        + "unpack image \"" + BAD + "\": failed to resolve reference \"" + BAD + "\": " + BAD
                        + ": not found", e.get("message").asText());
                failures.add(e.get("time").asDouble());
            }
        }
        List<Long> windows = new ArrayList<>();
        for (int i = 0; i + 1 < pulls.size(); i++) {
            windows.add(Math.round(pulls.get(i + 1) - failures.get(i)));
        }
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 300L), windows.subList(0, 6));
        assertTrue(CliHarness.events(out, "BackOff").stream()
                .anyMatch(e -> e.get("message").asText().equals("Back-off pulling image \"" + BAD + "\"")));
    }

    @Test
    @DisplayName("Progressing turns False with ProgressDeadlineExceeded 600 s after the last progress (the old "
            + "ReplicaSet scaled down at 2 min), at 12 min")
    void progressDeadline() {
        SimulationSpec spec = ScenarioLoader.load(Path.of(CliHarness.library("image-pull-backoff.yaml"))).value();
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        Deployment d = sim.store().deployments().get("default", "web");
        Condition progressing = d.progressingCondition();
        assertEquals("ProgressDeadlineExceeded", progressing.reason());
        assertEquals("False", progressing.status().wireName());
        long lastProgress = sim.events().events().stream()
                .filter(e -> e.object().startsWith("Pod/default/web-") && e.reason().equals("Killing"))
                .mapToLong(e -> e.time()).max().orElseThrow();
        long deadline = SimTime.seconds(d.progressDeadlineSeconds());
        assertTrue(progressing.lastTransitionTime() > lastProgress + deadline, "strictly after the deadline");
        assertTrue(progressing.lastTransitionTime() <= lastProgress + deadline + SimTime.seconds(1),
                "at the deadline: " + SimTime.format(progressing.lastTransitionTime()));
    }
}
