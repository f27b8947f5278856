package io.kubesim.controllers.job;

import static io.kubesim.controllers.job.BatchFixture.job;
import static io.kubesim.controllers.job.BatchFixture.jobManifest;
import static io.kubesim.controllers.job.BatchFixture.run;
import static io.kubesim.controllers.job.BatchFixture.runs;
import static io.kubesim.controllers.job.BatchFixture.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.JobSpec;
import io.kubesim.cluster.Job;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Job controller against the real engine, kubelet and scheduler (k8s-semantics.md 13). */
class JobControllerTest {

    @Test
    @DisplayName("13.3: failed pods are replaced 10 s, 20 s, 40 s after the last failure; the 4th failure with "
            + "backoffLimit 3 fails the Job with BackoffLimitExceeded")
    void backoffThenBackoffLimitExceeded() {
        JobSpec spec = new JobSpec(1, 1, false, 3, null, null, false, false, template("Never"));
        BatchFixture.Run r = run(List.of(jobManifest("flaky", spec)), runs(5, 1.0), 1, 600);
        List<ClusterEvent> creates = r.events("SuccessfulCreate");
        assertEquals(4, creates.size(), "backoffLimit 3: 1 pod + 3 replacements");
        List<Long> finishes = new ArrayList<>(r.finished.values());
        assertEquals(4, finishes.size());
        r.phases.values().forEach(p -> assertEquals(PodPhase.FAILED, p));
        for (int i = 1; i < 4; i++) {
            long gap = creates.get(i).time() - finishes.get(i - 1);
            assertEquals(SimTime.seconds(10L << (i - 1)), gap, "delay before pod " + (i + 1));
        }
        Job job = r.sim.store().jobs().get("default/flaky");
        assertTrue(job.isFailed());
        assertEquals("BackoffLimitExceeded", job.condition("Failed").reason());
        assertEquals(4, job.failed());
        List<ClusterEvent> failed = r.events("BackoffLimitExceeded");
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).warning());
        assertEquals("Job has reached the specified backoff limit", failed.get(0).message());
        assertEquals(-1, job.completionTime(), "completionTime is set with Complete only (13.7)");
    }

    @Test
    @DisplayName("13.3: the back-off doubles to a 10-minute cap")
    void backoffSequence() {
        long[] want = {10, 20, 40, 80, 160, 320, 600, 600};
        for (int n = 1; n <= want.length; n++) {
            assertEquals(SimTime.seconds(want[n - 1]), PodFailureBackoff.delay(n), "after " + n + " failures");
        }
        PodFailureBackoff b = new PodFailureBackoff();
        b.failed(SimTime.seconds(5));
        b.failed(SimTime.seconds(30));
        b.succeeded(SimTime.seconds(40));
        assertEquals(0, b.failuresAfterLastSuccess(), "a newer success resets the count");
        b.failed(SimTime.seconds(50));
        assertEquals(SimTime.seconds(10), b.remaining(SimTime.seconds(50)));
    }

    @Test
    @DisplayName("13.2: parallelism 3, completions 7: at most 3 pods at once, 7 successes, then Complete")
    void parallelismAndCompletions() {
        BatchFixture.Run r = run(List.of(jobManifest("batch", job(3, 7))), runs(30, 0), 2, 600);
        Job job = r.sim.store().jobs().get("default/batch");
        assertTrue(job.isComplete());
        assertEquals(7, job.succeeded());
        assertEquals(0, job.failed());
        assertEquals(7, r.events("SuccessfulCreate").size());
        assertEquals("CompletionsReached", job.condition("Complete").reason());
        assertEquals("Reached expected number of succeeded pods", job.condition("Complete").message());
        assertTrue(job.condition("SuccessCriteriaMet").isTrue());
        // 13.7: the interim SuccessCriteriaMet carries the same reason and message as Complete
        assertEquals("CompletionsReached", job.condition("SuccessCriteriaMet").reason());
        assertEquals("Reached expected number of succeeded pods", job.condition("SuccessCriteriaMet").message());
        assertEquals(job.finishedAt(), job.completionTime());
        JobStats stats = r.sim.result().batch().jobs().get(0);
        assertEquals(3, stats.activePeak());
        assertEquals(7, stats.succeeded());
        assertEquals("Complete", stats.outcome());
        assertTrue(stats.durationSeconds() > 90, "three waves of 30 s: " + stats.durationSeconds());
        assertEquals(List.of("outcome", "succeeded", "failed", "completions", "parallelism", "activePeak", "startTime",
                "finishTime", "durationSeconds"), List.copyOf(stats.figures().keySet()), "no cronJob for a Job of the input");
        assertEquals(7, stats.figures().get("succeeded"));
        ClusterEvent completed = r.events("Completed").get(0);
        assertEquals("Job completed", completed.message());
        assertEquals("job-controller", completed.source());
    }

    @Test
    @DisplayName("13.1: a work-queue Job (parallelism 2, completions unset) completes once a pod succeeded and none is active")
    void workQueue() {
        BatchFixture.Run r = run(List.of(jobManifest("queue", job(2, null))), runs(20, 0), 1, 300);
        Job job = r.sim.store().jobs().get("default/queue");
        assertTrue(job.isComplete());
        assertEquals(2, job.succeeded());
        assertEquals(2, r.events("SuccessfulCreate").size(), "no pod is started after the first success");
    }

    @Test
    @DisplayName("13.4: an Indexed Job gives each index 0..n-1 one pod, named <job>-<index>-, annotated and labelled")
    void indexed() {
        JobSpec spec = new JobSpec(2, 4, true, 6, null, null, false, false, template("Never"));
        BatchFixture.Run r = run(List.of(jobManifest("shards", spec)), runs(10, 0), 1, 300);
        Job job = r.sim.store().jobs().get("default/shards");
        assertTrue(job.isComplete());
        assertEquals("0-3", job.completedIndexes());
        TreeSet<String> indexes = new TreeSet<>();
        for (Pod p : r.pods()) {
            String index = p.metadata().annotation(Job.COMPLETION_INDEX);
            assertEquals(index, p.metadata().labels().get(Job.COMPLETION_INDEX));
            assertTrue(p.name().startsWith("shards-" + index + "-"), p.name());
            assertEquals("shards", p.metadata().labels().get(Job.LABEL_JOB_NAME));
            indexes.add(index);
        }
        assertEquals(new TreeSet<>(List.of("0", "1", "2", "3")), indexes);
        List<String> created = r.events("SuccessfulCreate").stream().map(e -> e.message().substring(
                "Created pod: shards-".length(), "Created pod: shards-".length() + 1)).toList();
        assertEquals(List.of("0", "1", "2", "3"), created, "lowest pending indexes first");
    }

    @Test
    @DisplayName("13.4: completedIndexes compresses runs into ranges")
    void compressIndexes() {
        java.util.BitSet b = new java.util.BitSet();
        for (int i : new int[] {1, 3, 4, 5, 7}) {
            b.set(i);
        }
        assertEquals("1,3-5,7", JobController.compress(b));
    }

    @Test
    @DisplayName("13.6: activeDeadlineSeconds fails the Job with DeadlineExceeded and deletes its running pod")
    void activeDeadline() {
        JobSpec spec = new JobSpec(1, 1, false, 6, 60L, null, false, false, template("Never"));
        BatchFixture.Run r = run(List.of(jobManifest("slow", spec)), runs(3600, 0), 1, 300);
        Job job = r.sim.store().jobs().get("default/slow");
        assertTrue(job.isFailed());
        assertEquals("DeadlineExceeded", job.condition("Failed").reason());
        assertEquals("Job was active longer than specified deadline", job.condition("Failed").message());
        ClusterEvent e = r.events("DeadlineExceeded").get(0);
        assertTrue(e.warning());
        assertEquals(SimTime.seconds(60), job.condition("FailureTarget").lastTransitionTime(),
                "the deadline counts from startTime (t=0)");
        assertEquals(1, r.events("SuccessfulDelete").size());
        assertTrue(job.finishedAt() >= SimTime.seconds(60), "Failed only once the pod is gone");
    }

    @Test
    @DisplayName("13.6: ttlSecondsAfterFinished deletes the finished Job and its pods")
    void ttlAfterFinished() {
        JobSpec spec = new JobSpec(1, 1, false, 6, null, 30L, false, false, template("Never"));
        BatchFixture.Run r = run(List.of(jobManifest("short", spec)), runs(10, 0), 1, 200);
        assertNull(r.sim.store().jobs().get("default/short"));
        assertTrue(r.pods().isEmpty(), "pods deleted with their Job");
        JobStats stats = r.sim.result().batch().jobs().get(0);
        assertEquals("Complete", stats.outcome(), "stats outlive the Job");
    }

    @Test
    @DisplayName("13.6: a suspended Job creates no pod and has Suspended=True (JobSuspended)")
    void suspended() {
        JobSpec spec = new JobSpec(2, 2, false, 6, null, null, true, false, template("Never"));
        BatchFixture.Run r = run(List.of(jobManifest("paused", spec)), runs(10, 0), 1, 120);
        Job job = r.sim.store().jobs().get("default/paused");
        assertTrue(r.pods().isEmpty());
        assertEquals("JobSuspended", job.condition("Suspended").reason());
        assertEquals("Job suspended", r.events("Suspended").get(0).message());
        assertEquals(-1, job.startTime(), "startTime is set at the first sync of a non-suspended Job");
        assertFalse(job.isFinished());
    }

    @Test
    @DisplayName("4.2/13.2: restartPolicy OnFailure restarts the container in place; restarts reaching backoffLimit fail the Job")
    void onFailureRestarts() {
        JobSpec spec = new JobSpec(1, 1, false, 2, null, null, false, false, template("OnFailure"));
        BatchFixture.Run r = run(List.of(jobManifest("crashy", spec)), runs(5, 1.0), 1, 300);
        Job job = r.sim.store().jobs().get("default/crashy");
        assertTrue(job.isFailed());
        assertEquals("BackoffLimitExceeded", job.condition("Failed").reason());
        assertEquals(1, r.events("SuccessfulCreate").size(), "the kubelet restarts; the Job makes no new pod");
        assertFalse(r.events("BackOff").isEmpty(), "the kubelet's crash back-off");
    }

    @Test
    @DisplayName("4.2: restartPolicy Never leaves the pod Succeeded; it frees its node and stays out of endpoints")
    void succeededPodsFreeTheirNode() {
        // two 3-CPU pods on one 4-CPU node: the second can only run after the first finished
        JobSpec spec = job(1, 2);
        spec = spec.withTemplate(spec.template().withSpec(spec.template().spec().withContainers(List.of(
                new io.kubesim.api.Container("work", "batch:1", io.kubesim.api.Resources.of(3000, 64L << 20),
                        io.kubesim.api.Resources.NONE, List.of(), null, null, null, null, false)))));
        BatchFixture.Run r = run(List.of(jobManifest("big", spec)), runs(20, 0), 1, 300);
        assertTrue(r.sim.store().jobs().get("default/big").isComplete());
        assertEquals(2, r.phases.size());
        r.phases.values().forEach(p -> assertEquals(PodPhase.SUCCEEDED, p));
    }

    @Test
    @DisplayName("5: a Job's pods are a Service's endpoints while they run and leave them when they succeed")
    void terminalPodsLeaveEndpoints() {
        io.kubesim.api.Manifest svc = new io.kubesim.api.Manifest.ServiceManifest("default", "batch", java.util.Map.of(),
                java.util.Map.of("app", "batch"), List.of(new io.kubesim.api.ServicePort("http", 80, "80", "TCP", 0)),
                "ClusterIP", false, false, io.kubesim.api.Manifest.Origin.UNKNOWN);
        List<Integer> endpoints = new ArrayList<>();
        BatchFixture.Run r = run(List.of(svc, jobManifest("batch", job(2, 2))), runs(60, 0), 1, 30);
        r.sim.store().endpointSlicesByService().get("default/batch")
                .forEach(sl -> endpoints.add(sl.endpoints().size()));
        assertEquals(List.of(2), endpoints, "both pods are endpoints at 30 s");
        BatchFixture.Run done = run(List.of(svc, jobManifest("batch", job(2, 2))), runs(60, 0), 1, 200);
        assertTrue(done.sim.store().jobs().get("default/batch").isComplete());
        done.sim.store().endpointSlicesByService().get("default/batch")
                .forEach(sl -> assertEquals(0, sl.endpoints().size(), "Succeeded pods are no endpoints"));
    }

    @Test
    @DisplayName("13.5: a FailJob rule on exit code 1 fails the Job at the first such pod, reason PodFailurePolicy")
    void podFailurePolicyFailJob() {
        JobSpec spec = new JobSpec(1, 1, false, 6, null, null, false, true, template("Never"),
                List.of(new io.kubesim.api.PodFailureRule("FailJob", "", "In", List.of(1), java.util.Map.of())));
        BatchFixture.Run r = run(List.of(jobManifest("strict", spec)), runs(5, 1.0), 1, 120);
        Job job = r.sim.store().jobs().get("default/strict");
        assertTrue(job.isFailed());
        assertEquals("PodFailurePolicy", job.condition("Failed").reason());
        String pod = r.finished.keySet().iterator().next();
        assertEquals("Container work for pod default/" + pod + " failed with exit code 1 matching FailJob rule at index 0",
                job.condition("Failed").message());
        assertEquals(1, r.events("SuccessfulCreate").size(), "no replacement, no back-off wait");
    }

    @Test
    @DisplayName("13.5: an Ignore rule keeps failures out of backoffLimit: with backoffLimit 0 the Job goes on "
            + "replacing pods, without back-off")
    void podFailurePolicyIgnore() {
        JobSpec spec = new JobSpec(1, 1, false, 0, null, null, false, true, template("Never"),
                List.of(new io.kubesim.api.PodFailureRule("Ignore", "work", "NotIn", List.of(42), java.util.Map.of())));
        BatchFixture.Run r = run(List.of(jobManifest("lenient", spec)), runs(5, 1.0), 1, 120);
        Job job = r.sim.store().jobs().get("default/lenient");
        assertFalse(job.isFinished());
        assertEquals(0, job.failed());
        assertTrue(r.events("SuccessfulCreate").size() > 5, "replaced at once each time");
    }

    /**
     * Creation times of the Job's pods when its pod is deleted at 30 s and ignores SIGTERM (SIGKILLed
     * after the 30 s grace period, so it fails; one exiting 0 on SIGTERM would end Succeeded and,
     * under Failed, count as a success).
     */
    private static List<Long> replacedAfterDelete(boolean replaceOnlyFailed) {
        JobSpec spec = new JobSpec(1, 1, false, 6, null, null, false, replaceOnlyFailed, template("Never"));
        io.kubesim.app.ApplicationModel d = runs(600, 0);
        io.kubesim.app.ApplicationModel app = new io.kubesim.app.ApplicationModel(d.imagePullTime(), d.startupTime(),
                new io.kubesim.engine.DurationDistribution.Constant(SimTime.seconds(40)), null, d.preStopTime(),
                d.serving(), d.usage(), d.initTime(), d.containers(), d.runTime(), 0);
        BatchFixture.Run r = run(List.of(jobManifest("victim", spec)), java.util.Map.of(), app, 2, 120,
                io.kubesim.sim.SimulationSpec.DEFAULT_START_TIME, run -> run.sim.simulation().schedule(SimTime.seconds(30),
                        () -> run.sim.store().deletePod(run.pods().get(0), null)));
        return r.events("SuccessfulCreate").stream().map(ClusterEvent::time).toList();
    }

    @Test
    @DisplayName("13.6: TerminatingOrFailed replaces a deleted pod 10 s after its deletion, while it still terminates; "
            + "Failed waits until it has failed (SIGKILL after the 30 s grace period), then 10 s")
    void podReplacementPolicy() {
        assertEquals(List.of(0L, SimTime.seconds(40)), replacedAfterDelete(false));
        assertEquals(List.of(0L, SimTime.seconds(70)), replacedAfterDelete(true));
    }

    @Test
    @DisplayName("a sync reads only the pods it has not done with: through 600 indexes, failures and deleted pods, "
            + "under both replacement policies, its live pods are the owner index's at every sync and the counts add up")
    void livePodsFollowTheIndex() {
        // The check itself is an assertion in reconcile (livePodsMatchIndex), so this test needs -ea.
        assertTrue(JobController.class.desiredAssertionStatus(), "tests run with assertions enabled");
        for (boolean replaceOnlyFailed : new boolean[] {false, true}) {
            JobSpec spec = new JobSpec(40, 600, true, 100_000, null, null, false, replaceOnlyFailed, template("Never"));
            // pods ignore SIGTERM for 40 s (SIGKILL at 30 s): a deleted pod is counted while it still terminates
            io.kubesim.app.ApplicationModel d = runs(20, 0.2);
            io.kubesim.app.ApplicationModel app = new io.kubesim.app.ApplicationModel(d.imagePullTime(),
                    d.startupTime(), new io.kubesim.engine.DurationDistribution.Constant(SimTime.seconds(40)), null,
                    d.preStopTime(), d.serving(), d.usage(), d.initTime(), d.containers(), d.runTime(), 0.2);
            BatchFixture.Run r = run(List.of(jobManifest("wide", spec)), java.util.Map.of(), app, 4, 3 * 3600,
                    io.kubesim.sim.SimulationSpec.DEFAULT_START_TIME, run -> deleteEvery(run, SimTime.seconds(17)));
            Job job = r.sim.store().jobs().list().iterator().next();
            assertTrue(job.isComplete(), "complete: " + job.conditions() + " succeeded " + job.succeeded() + " failed " + job.failed() + " active " + job.active() + " indexes " + job.completedIndexes());
            assertEquals("0-599", job.completedIndexes());
            long failedPods = r.phases.values().stream().filter(ph -> ph == PodPhase.FAILED).count();
            assertTrue(job.failed() >= failedPods && failedPods > 50, job.failed() + " failed, " + failedPods + " pods");
        }
    }

    /**
     * Deletes the Job's first active pod every {@code period} for the first 20 minutes, as an operator
     * or a drain might (for ever, the last index's pods would be deleted before they could finish).
     */
    private static void deleteEvery(BatchFixture.Run run, long period) {
        if (run.sim.simulation().now() > SimTime.minutes(20)) {
            return;
        }
        run.sim.simulation().schedule(period, () -> {
            for (Pod p : run.sim.store().activePods()) {
                run.sim.store().deletePod(p, null);
                break;
            }
            deleteEvery(run, period);
        });
    }

    @Test
    @DisplayName("determinism: the same Job scenario gives the same events twice")
    void deterministic() {
        JobSpec spec = new JobSpec(3, 9, false, 6, null, null, false, false, template("Never"));
        List<String> a = events(run(List.of(jobManifest("d", spec)), runs(15, 0.3), 2, 900));
        List<String> b = events(run(List.of(jobManifest("d", spec)), runs(15, 0.3), 2, 900));
        assertEquals(a, b);
        assertTrue(a.stream().anyMatch(s -> s.contains("SuccessfulCreate")));
    }

    private static List<String> events(BatchFixture.Run r) {
        return r.sim.events().events().stream().map(ClusterEvent::toString).toList();
    }
}
