package io.kubesim.reports.explain;

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
 * {@link PodExplainer} reading the records other components write in parallel (a rollout's
 * {@code RolloutStep}, the kubelet's {@code Terminating}, a proxy's {@code ProxyUpdated} naming the
 * pod), and working without them. The run directory is written by hand, line for line in the
 * format kubesim run writes.
 */
class PodExplainerTest {
    @TempDir
    Path dir;

    private RunRecord run(List<String> events, List<String> decisions) throws IOException {
        Files.writeString(dir.resolve("summary.json"), "{\"scenario\":\"t\",\"simulatedSeconds\":600}");
        Files.write(dir.resolve("events.jsonl"), events);
        Files.write(dir.resolve("scheduling.jsonl"), List.of());
        Files.write(dir.resolve("decisions.jsonl"), decisions);
        return RunRecord.read(dir);
    }

    private static String event(double t, String reason, String object, String message) {
        return "{\"time\":" + t + ",\"type\":\"Normal\",\"reason\":\"" + reason + "\",\"object\":\"" + object
                + "\",\"message\":\"" + message + "\",\"source\":\"test\"}";
    }

    private static final List<String> LIFE = List.of(
            event(120, "ScalingReplicaSet", "Deployment/default/web", "Scaled up replica set web-abc from 0 to 1"),
            event(120, "SuccessfulCreate", "ReplicaSet/default/web-abc", "Created pod: web-abc-1"),
            event(120.1, "Scheduled", "Pod/default/web-abc-1", "Successfully assigned default/web-abc-1 to n1"),
            event(125, "Started", "Pod/default/web-abc-1", "Started container web"),
            event(300, "SuccessfulDelete", "ReplicaSet/default/web-abc", "Deleted pod: web-abc-1"),
            event(300, "Killing", "Pod/default/web-abc-1", "Stopping container web"));

    @Test
    @DisplayName("with the other components' decisions: the rollout step that created it, the proxy naming it, the kubelet's cause")
    void readsOtherDecisions() throws IOException {
        RunRecord run = run(LIFE, List.of(
                "{\"time\":120,\"source\":\"deployment-controller\",\"kind\":\"RolloutStep\",\"object\":\"Deployment/default/web\","
                        + "\"message\":\"scale up new ReplicaSet web-abc from 0 to 1: maxSurge 1\","
                        + "\"facts\":{\"step\":1,\"replicaSet\":\"web-abc\",\"from\":0,\"to\":1}}",
                "{\"time\":126,\"source\":\"kube-proxy\",\"kind\":\"ProxyUpdated\",\"object\":\"Service/default/web\","
                        + "\"message\":\"kube-proxy applied pod default/web-abc-1 ready\",\"facts\":{\"pod\":\"default/web-abc-1\"}}",
                "{\"time\":126,\"source\":\"kube-proxy\",\"kind\":\"ProxyUpdated\",\"object\":\"Service/other/web\","
                        + "\"message\":\"another namespace's pod\",\"facts\":{\"pod\":\"web-abc-1\"}}",
                "{\"time\":300,\"source\":\"kubelet\",\"kind\":\"Terminating\",\"object\":\"Pod/default/web-abc-1\","
                        + "\"message\":\"Stopping pod (rollout of Deployment default/web)\","
                        + "\"facts\":{\"cause\":\"rollout of Deployment default/web\"}}"));
        Explanation e = PodExplainer.explain(run, "web-abc-1", null);
        List<String> texts = e.steps().stream().map(Explanation.Step::text).toList();
        assertEquals("created by ReplicaSet web-abc, in step 1 of the rollout of Deployment web "
                + "(scale up new ReplicaSet web-abc from 0 to 1: maxSurge 1)", texts.get(0));
        assertTrue(texts.contains("kube-proxy applied pod default/web-abc-1 ready"), texts.toString());
        assertTrue(texts.stream().noneMatch(t -> t.contains("another namespace")), texts.toString());
        assertEquals(List.of("At 10:00.0: stopped by the kubelet (rollout of Deployment default/web) at 5:00.0; "
                + "it ran on n1"), e.conclusions());
    }

    @Test
    @DisplayName("without them: the Deployment's scaling event and the owner's delete, and the Scheduled event for the node")
    void withoutOtherDecisions() throws IOException {
        Explanation e = PodExplainer.explain(run(LIFE, List.of()), "default/web-abc-1", null);
        assertEquals("created by ReplicaSet web-abc, after Deployment web scaled up replica set web-abc from 0 to 1 "
                + "at 2:00.0", e.steps().get(0).text());
        assertEquals(List.of("At 10:00.0: deleted by ReplicaSet web-abc at 5:00.0; it ran on n1"), e.conclusions());
    }

    @Test
    @DisplayName("--at cuts the life short: running then, with no Ready record")
    void atTime() throws IOException {
        Explanation e = PodExplainer.explain(run(LIFE, List.of()), "web-abc-1", 200.0);
        assertEquals(List.of("created by ReplicaSet web-abc, after Deployment web scaled up replica set web-abc from 0 "
                + "to 1 at 2:00.0", "Successfully assigned default/web-abc-1 to n1", "Started container web"),
                e.steps().stream().map(Explanation.Step::text).toList());
        assertEquals(List.of("At 3:20.0: running on n1 since 2:05.0"), e.conclusions());
    }
}
