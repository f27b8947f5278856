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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubesim explain RUN_DIR --pod NAME [--at TIME]} on library runs made through the CLI with
 * {@code --decisions}. Each explanation is compared with a golden file in
 * {@code src/test/resources/explain/} and must be byte-identical across two runs of the scenario.
 *
 * <p>To regenerate the golden files after an intended change of the output, run this test with
 * {@code -Dkubesim.updateGoldens=true} (from the repository root:
 * {@code mvn -B -o -pl cli -am test -Dtest=ExplainPodTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dkubesim.updateGoldens=true}) and review the diff.
 */
class ExplainPodTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String scenario, String dir, String... extra) {
        Path out = tmp.resolve(dir);
        List<String> args = new ArrayList<>(List.of("run", CliHarness.library(scenario), "--out", out.toString(), "-q"));
        args.addAll(List.of(extra));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /** The same explanation from two runs of the scenario, byte for byte, and equal to the golden file. */
    private String golden(String scenario, String golden, java.util.function.Function<Path, String[]> question)
            throws IOException {
        Path a = run(scenario, golden + "-a", "--decisions");
        Path b = run(scenario, golden + "-b", "--decisions");
        String first = CliHarness.explain(a, question.apply(a));
        assertEquals(first, CliHarness.explain(b, question.apply(b)), "byte-identical across runs");
        GoldenFiles.assertMatches(golden, first);
        return first;
    }

    private static List<JsonNode> lines(Path dir, String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve(file))) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    private static String firstPendingPod(Path dir) throws IOException {
        return lines(dir, "scheduling.jsonl").get(0).get("pod").asText();
    }

    @Test
    @DisplayName("a pod Pending at 2:00 of unschedulable-pods: each node's filter verdict, preemption, and what would let it schedule")
    void pendingPod() throws IOException {
        String text = golden("unschedulable-pods.yaml", "pod-pending.txt",
                dir -> new String[] {"--pod", name(dir), "--at", "2:00"});
        // k8s-semantics.md 3.4: each node reports the reasons of the one filter plugin that rejected it
        for (String n : List.of("general-1", "general-2", "general-3")) {
            assertTrue(text.contains(n + "  NodeResourcesFit: Insufficient cpu (Unschedulable; cpu: 2 allocatable"), n);
        }
        assertTrue(text.contains("gpu-1      TaintToleration: node(s) had untolerated taint(s) (UnschedulableAndUnresolvable)"));
        // 3.7: the FailedScheduling message, its filter part then its preemption part (3.6)
        assertTrue(text.contains("Why: 0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu.\n"));
        assertTrue(text.contains("Preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, "
                + "3 No preemption victims found for incoming pod."));
        assertTrue(text.contains("Pending at 2:00.0, for 2m since 0:00.0"));
        assertTrue(text.contains("requests of at most cpu 2 (now 3)"), "the general nodes have 2 cpu free");
        assertFalse(text.contains("large-1"), "--at leaves out what came after 2:00: the large nodes join at 3m");
    }

    private static String name(Path dir) {
        try {
            return firstPendingPod(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("--json gives the same explanation for tools, with each attempt's records as facts")
    void pendingPodJson() throws IOException {
        String json = golden("unschedulable-pods.yaml", "pod-pending.json",
                dir -> new String[] {"--pod", name(dir), "--at", "2:00", "--json"});
        JsonNode root = JSON.readTree(json);
        JsonNode attempt = root.get("steps").get(1);
        assertEquals("FailedScheduling", attempt.get("facts").get("result").asText());
        assertEquals(4, attempt.get("facts").get("filtered").size());
        assertTrue(root.get("conclusions").get(0).asText().startsWith("Pending at 2:00.0"));
    }

    @Test
    @DisplayName("the same pod over the whole run: scheduled when the large nodes join, scores per plugin and the tie-break")
    void pendingPodScheduledLater() throws IOException {
        Path dir = run("unschedulable-pods.yaml", "a", "--decisions");
        String pod = firstPendingPod(dir);
        String text = CliHarness.explain(dir, "--pod", pod);
        // 3.3: the highest weighted total wins; equal totals are broken at random (reservoir sampling)
        assertTrue(text.contains("scheduling attempt 2: scheduled to large-"), text);
        assertTrue(text.contains("total 661 = TaintToleration 300 (raw 0, normalized 100)"), text);
        assertTrue(text.contains("tied at 661; the scheduler picked"), text);
        assertTrue(text.contains("It was Pending for 3m before it was scheduled"), text);
    }

    @Test
    @DisplayName("a no-prestop pod through its whole life: created, scheduled, pulled, probed, Ready, deleted by the rollout")
    void podLife() throws IOException {
        String text = golden("no-prestop.yaml", "pod-life.txt", dir -> new String[] {"--pod", deletedPod(dir)});
        // 4.1: readiness fails until the app listens, then the pod is Ready; one line for the repeated failures
        Path dir = tmp.resolve("pod-life.txt-a");
        String pod = deletedPod(dir);
        long failuresBeforeReady = 0;
        double readyAt = -1;
        for (JsonNode d : lines(dir, "decisions.jsonl")) {
            if (d.get("kind").asText().equals("ReadinessChanged") && d.get("object").asText().endsWith("/" + pod)
                    && readyAt < 0) {
                readyAt = d.get("time").asDouble();
                assertEquals("readiness probe succeeded", d.get("facts").get("reason").asText());
            }
        }
        for (JsonNode e : CliHarness.events(dir, "Unhealthy")) {
            if (e.get("object").asText().endsWith("/" + pod) && e.get("time").asDouble() < readyAt) {
                failuresBeforeReady++;
            }
        }
        assertTrue(failuresBeforeReady > 1);
        assertTrue(text.contains("readiness probe failed " + failuresBeforeReady + " times (httpGet :8080/ready: "
                + "connection refused)"), text);
        assertTrue(text.contains("Ready True: readiness probe succeeded (container checkout)"));
        // the owner's reason: the deployment controller's RolloutStep when the run has it, else its ScalingReplicaSet event
        assertTrue(java.util.regex.Pattern.compile("deleted by ReplicaSet checkout-\\w+, (after Deployment checkout "
                + "scaled down replica set|in step \\d+ of the rollout of Deployment checkout \\(scale down)").matcher(text)
                .find(), text);
    }

    private static String deletedPod(Path dir) {
        try {
            for (JsonNode e : CliHarness.events(dir, "SuccessfulDelete")) {
                return e.get("message").asText().substring("Deleted pod: ".length());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("no pod deleted in " + dir);
    }

    @Test
    @DisplayName("preemption: the victim names its preemptor and the nominated node; the preemptor names its victims")
    void preemption() throws IOException {
        String victim = golden("preemption.yaml", "pod-preempted.txt", dir -> new String[] {"--pod", preemption(dir)[1]});
        Path dir = tmp.resolve("pod-preempted.txt-a");
        String[] pair = preemption(dir);
        // k8s-semantics.md 3.6: the preemptor is nominated and not bound in the same cycle
        assertTrue(victim.contains("preempted by pod " + pair[0] + ", which preemption nominated to node "), victim);
        String preemptor = golden("preemption.yaml", "pod-preemptor.txt", d -> new String[] {"--pod", preemption(d)[0]});
        assertTrue(preemptor.contains("preemption: nominated node "), preemptor);
        assertTrue(preemptor.contains(pair[1]), "the victim is named");
        assertTrue(preemptor.contains("the nominated node "), "the second attempt evaluates the nominated node first");
    }

    @Test
    @DisplayName("a replacement Pending at the end of the run: its preemption is refused by preemptionPolicy Never")
    void pendingAtTheEnd() throws IOException {
        String text = golden("preemption.yaml", "pod-pending-at-end.txt", d -> new String[] {"--pod", stillPending(d)});
        // k8s-semantics.md 3.6: a pod with preemptionPolicy Never may not preempt
        assertTrue(text.contains("Preemption: not eligible due to preemptionPolicy=Never."), text);
        assertTrue(text.contains("Pending at 5:00.0"), text);
        assertTrue(text.contains("to replace pods that ended: "), "the ReplicaSet replaced its preempted pods");
    }

    @Test
    @DisplayName("--at before the pod was created: no steps, and the conclusion says so")
    void beforeCreation() {
        Path dir = run("preemption.yaml", "a", "--decisions");
        String text = CliHarness.explain(dir, "--pod", stillPending(dir), "--at", "1:00");
        assertEquals("pod " + stillPending(dir) + "\n\nAt 1:00.0 the run had no record of the pod yet.\n", text);
    }

    @Test
    @DisplayName("an image that never pulls: the pull and back-off cycle is one line with each retry's start; the conclusion says why it never started")
    void imagePullBackOff() throws IOException {
        Path dir = run("image-pull-backoff.yaml", "a", "--decisions");
        String pod = null;
        List<Double> pulls = new ArrayList<>();
        for (JsonNode e : CliHarness.events(dir, "Failed")) {
            pod = e.get("object").asText().substring("Pod/".length());
            break;
        }
        for (JsonNode e : CliHarness.events(dir, "Pulling")) {
            if (e.get("object").asText().equals("Pod/" + pod)) {
                pulls.add(e.get("time").asDouble());
            }
        }
        String text = CliHarness.explain(dir, "--pod", pod);
        String fold = text.lines().filter(l -> l.contains("steps above repeated")).findFirst().orElseThrow();
        String starts = fold.substring(fold.indexOf("starting at ") + "starting at ".length());
        for (String t : starts.split(", ")) {
            assertTrue(pulls.stream().anyMatch(p -> io.kubesim.reports.explain.ExplainTime.format(p).equals(t)),
                    t + " is when a retry's pull began: " + pulls);
        }
        assertTrue(text.contains(", never started\nWaiting since "), text);
        assertTrue(text.contains("Error: ErrImagePull (Failed: Failed to pull image"), text);
    }

    /** The first pod whose last scheduling attempt failed. */
    private static String stillPending(Path dir) {
        try {
            java.util.Map<String, String> last = new java.util.LinkedHashMap<>();
            for (JsonNode s : lines(dir, "scheduling.jsonl")) {
                last.put(s.get("pod").asText(), s.get("result").asText());
            }
            return last.entrySet().stream().filter(e -> e.getValue().equals("FailedScheduling")).findFirst()
                    .orElseThrow().getKey();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {preemptor, its first victim}, both namespace/name. */
    private static String[] preemption(Path dir) {
        try {
            for (JsonNode s : lines(dir, "scheduling.jsonl")) {
                if (s.has("victims") && !s.get("victims").isEmpty()) {
                    return new String[] {s.get("pod").asText(), s.get("victims").get(0).asText()};
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("no preemption in " + dir);
    }

    @Test
    @DisplayName("an unknown pod is exit 2 naming similar pods")
    void unknownPod() {
        Path dir = run("unschedulable-pods.yaml", "a", "--decisions");
        CliHarness.Result r = CliHarness.run("explain", dir.toString(), "--pod", "worker-zzzzz");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--pod worker-zzzzz: no such pod"), r.err());
        assertTrue(r.err().contains("similar: default/worker-"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        String typo = firstPendingPodName(dir).replaceFirst("worker", "wroker");
        r = CliHarness.run("explain", dir.toString(), "--pod", typo);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("(similar: default/" + firstPendingPodName(dir) + ", "), "closest first: " + r.err());
    }

    private static String firstPendingPodName(Path dir) {
        String key = name(dir);
        return key.substring(key.indexOf('/') + 1);
    }

    @Test
    @DisplayName("a run directory written without --decisions is exit 2 saying to run again with --decisions")
    void withoutDecisions() {
        Path dir = run("unschedulable-pods.yaml", "a");
        CliHarness.Result r = CliHarness.run("explain", dir.toString(), "--pod", "worker");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("run the scenario again with --decisions"), r.err());
    }
}
