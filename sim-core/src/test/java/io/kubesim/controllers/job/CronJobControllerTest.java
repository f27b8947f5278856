package io.kubesim.controllers.job;

import static io.kubesim.controllers.job.BatchFixture.cron;
import static io.kubesim.controllers.job.BatchFixture.cronManifest;
import static io.kubesim.controllers.job.BatchFixture.job;
import static io.kubesim.controllers.job.BatchFixture.run;
import static io.kubesim.controllers.job.BatchFixture.runs;
import static io.kubesim.controllers.job.BatchFixture.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.CronJobSpec;
import io.kubesim.api.JobSpec;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.CronJob;
import io.kubesim.cluster.Job;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.sim.SimulationSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CronJob controller against the real engine (k8s-semantics.md 13.8, 13.9). */
class CronJobControllerTest {
    /** 2026-01-01T00:00Z in minutes since the epoch: the default scenario startTime. */
    private static final long START_MINUTE = SimulationSpec.DEFAULT_START_TIME / 60;

    private static BatchFixture.Run every5(String policy, Long startingDeadline, long jobSeconds, long runSeconds) {
        return run(List.of(cronManifest("tick", cron("*/5 * * * *", policy, startingDeadline, job(1, 1)))),
                runs(jobSeconds, 0), 2, runSeconds);
    }

    private static List<String> created(BatchFixture.Run r) {
        return r.events("SuccessfulCreate").stream().filter(e -> e.source().equals(CronJobController.SOURCE))
                .map(ClusterEvent::message).toList();
    }

    @Test
    @DisplayName("13.9: Allow starts a Job at every schedule time, named <cronjob>-<minutes since the epoch>, "
            + "100 ms after the time; overlapping runs are allowed")
    void allow() {
        BatchFixture.Run r = every5("Allow", null, 420, 31 * 60);
        assertEquals(List.of("Created job tick-" + (START_MINUTE + 5), "Created job tick-" + (START_MINUTE + 10),
                "Created job tick-" + (START_MINUTE + 15), "Created job tick-" + (START_MINUTE + 20),
                "Created job tick-" + (START_MINUTE + 25), "Created job tick-" + (START_MINUTE + 30)), created(r));
        assertEquals(SimTime.minutes(5) + SimTime.millis(100), r.events("SuccessfulCreate").get(0).time());
        CronJobStats s = r.sim.result().batch().cronJobs().get(0);
        assertEquals(6, s.jobsStarted());
        assertEquals(2, s.activePeak(), "7-minute Jobs every 5 minutes overlap");
        Job last = r.sim.store().jobs().get("default/tick-" + (START_MINUTE + 30));
        assertEquals("2026-01-01T00:30:00Z", last.metadata().annotation(CronJob.ANNOTATION_SCHEDULED_TIMESTAMP));
        assertEquals("tick", last.metadata().owner().name());
        assertTrue(r.events("SawCompletedJob").get(0).message()
                .startsWith("Saw completed job: tick-" + (START_MINUTE + 5) + ", condition: Complete"));
    }

    @Test
    @DisplayName("13.9: Forbid does not start a Job while one runs (JobAlreadyActive); without a starting deadline "
            + "the missed time starts as soon as the running Job finishes")
    void forbidStartsLateWithoutDeadline() {
        BatchFixture.Run r = every5("Forbid", null, 420, 16 * 60);
        List<ClusterEvent> skipped = r.events("JobAlreadyActive");
        assertEquals(SimTime.minutes(10) + SimTime.millis(100), skipped.get(0).time());
        assertEquals("Not starting job because prior execution is running and concurrency policy is Forbid",
                skipped.get(0).message());
        List<ClusterEvent> creates = r.events("SuccessfulCreate").stream()
                .filter(e -> e.source().equals(CronJobController.SOURCE)).toList();
        assertEquals("Created job tick-" + (START_MINUTE + 10), creates.get(1).message());
        assertTrue(creates.get(1).time() > SimTime.minutes(12), "started late, when the first Job finished");
        assertEquals(1, r.sim.result().batch().cronJobs().get(0).activePeak());
    }

    @Test
    @DisplayName("13.9: Forbid with startingDeadlineSeconds 60: the time skipped while a Job ran is past its deadline "
            + "when that Job finishes, so it never starts")
    void forbidWithDeadline() {
        BatchFixture.Run r = every5("Forbid", 60L, 420, 16 * 60);
        assertEquals(List.of("Created job tick-" + (START_MINUTE + 5), "Created job tick-" + (START_MINUTE + 15)),
                created(r));
        assertEquals(SimTime.minutes(15) + SimTime.millis(100), r.events("SuccessfulCreate").stream()
                .filter(e -> e.source().equals(CronJobController.SOURCE)).toList().get(1).time());
        CronJobStats s = r.sim.result().batch().cronJobs().get(0);
        assertEquals(1, s.missed(), "00:10 given up");
        assertEquals(1, s.skippedByForbid());
    }

    @Test
    @DisplayName("13.9: more than 100 missed times (Forbid, every minute, a Job running 110 minutes): "
            + "TooManyMissedTimes at every sync past 100, and the v2 controller still starts the most recent one")
    void tooManyMissedTimes() {
        BatchFixture.Run r = run(List.of(cronManifest("minutely", cron("* * * * *", "Forbid", null, job(1, 1)))),
                runs(110 * 60, 0), 1, 115 * 60);
        List<ClusterEvent> warned = r.events("TooManyMissedTimes");
        // lastScheduleTime stays at 00:01 while the first Job runs: at 01:42 that is 101 unmet times
        assertEquals(SimTime.minutes(102) + SimTime.millis(100), warned.get(0).time());
        assertTrue(warned.get(0).warning());
        assertEquals("too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
                warned.get(0).message());
        List<String> created = created(r);
        assertEquals(2, created.size());
        long second = r.events("SuccessfulCreate").stream().filter(e -> e.source().equals(CronJobController.SOURCE))
                .toList().get(1).time();
        assertEquals("Created job minutely-" + (START_MINUTE + second / SimTime.MICROS_PER_MINUTE), created.get(1),
                "the most recent missed minute");
        assertTrue(r.sim.result().batch().cronJobs().get(0).skippedByForbid() > 100);
    }

    @Test
    @DisplayName("13.9: Replace deletes the running Job (and so its pods) and starts the new one")
    void replace() {
        BatchFixture.Run r = every5("Replace", null, 420, 11 * 60);
        List<ClusterEvent> deleted = r.events("SuccessfulDelete").stream()
                .filter(e -> e.source().equals(CronJobController.SOURCE)).toList();
        assertEquals(List.of("Deleted job tick-" + (START_MINUTE + 5)), deleted.stream().map(ClusterEvent::message)
                .toList());
        assertNull(r.sim.store().jobs().get("default/tick-" + (START_MINUTE + 5)));
        assertNotNull(r.sim.store().jobs().get("default/tick-" + (START_MINUTE + 10)));
        assertEquals(1, r.sim.store().pods().list().stream().filter(p -> p.isActive()).count(),
                "the replaced Job's pod is deleted with it");
        assertEquals(1, r.sim.result().batch().cronJobs().get(0).replaced());
    }

    @Test
    @DisplayName("13.8/13.9: successfulJobsHistoryLimit 3 and failedJobsHistoryLimit 1 keep the newest finished Jobs")
    void historyLimits() {
        BatchFixture.Run ok = run(List.of(cronManifest("minutely", cron("* * * * *", "Allow", null, job(1, 1)))),
                runs(10, 0), 1, 10 * 60);
        List<Job> kept = ok.sim.store().jobs().list().stream().filter(Job::isComplete).toList();
        assertEquals(3, kept.size());
        assertEquals(List.of("minutely-" + (START_MINUTE + 7), "minutely-" + (START_MINUTE + 8),
                "minutely-" + (START_MINUTE + 9)), kept.stream().map(Job::name).toList());
        assertTrue(ok.events("SuccessfulDelete").stream().anyMatch(e -> e.message().equals("Deleted job minutely-"
                + (START_MINUTE + 1))));

        JobSpec failing = new JobSpec(1, 1, false, 0, null, null, false, false, template("Never"));
        BatchFixture.Run bad = run(List.of(cronManifest("minutely", cron("* * * * *", "Allow", null, failing))),
                runs(10, 1.0), 1, 10 * 60);
        List<Job> failed = bad.sim.store().jobs().list().stream().filter(Job::isFailed).toList();
        assertEquals(1, failed.size());
        assertEquals("minutely-" + (START_MINUTE + 9), failed.get(0).name());
        assertEquals(9, bad.sim.result().batch().cronJobs().get(0).jobsFailed());
    }

    @Test
    @DisplayName("summary workloads list the manifests' Jobs and not the Jobs a CronJob started, which the batch "
            + "stats still list, each naming its CronJob")
    void workloadsAreTheManifestsJobs() {
        BatchFixture.Run r = run(List.of(cronManifest("tick", cron("*/5 * * * *", "Allow", null, job(1, 1))),
                BatchFixture.jobManifest("once", job(1, 2))), runs(10, 0), 1, 31 * 60);
        List<io.kubesim.metrics.WorkloadStatus> jobs = r.sim.result().workloads().stream()
                .filter(w -> w.kind().equals("Job")).toList();
        assertEquals(List.of("once"), jobs.stream().map(io.kubesim.metrics.WorkloadStatus::name).toList());
        List<JobStats> all = r.sim.result().batch().jobs();
        assertEquals(1, all.stream().filter(j -> j.cronJob().isEmpty()).count(), "one Job of the manifests");
        assertTrue(all.stream().filter(j -> j.cronJob().equals("tick")).count() >= 6, "the CronJob's Jobs: " + all);
    }

    @Test
    @DisplayName("13.9: a suspended CronJob starts nothing")
    void suspended() {
        CronJobSpec spec = new CronJobSpec("* * * * *", "", "Allow", null, true, 3, 1, Map.of(), Map.of(), job(1, 1));
        BatchFixture.Run r = run(List.of(cronManifest("off", spec)), runs(10, 0), 1, 5 * 60);
        assertTrue(r.sim.store().jobs().list().isEmpty());
    }

    @Test
    @DisplayName("scenario startTime maps virtual time 0 to the wall clock: @hourly from 00:58 first runs at 120 s; "
            + "timeZone shifts the schedule")
    void startTimeAndTimeZone() {
        long start = SimulationSpec.DEFAULT_START_TIME + 58 * 60;
        BatchFixture.Run r = run(List.of(cronManifest("hourly", cron("@hourly", "Allow", null, job(1, 1)))),
                Map.of(), runs(10, 0), 1, 5 * 60, start);
        assertEquals(SimTime.seconds(120) + SimTime.millis(100), r.events("SuccessfulCreate").get(0).time());

        // 01:00 in Kolkata (UTC+05:30) is 19:30Z; from 19:00Z it is 30 minutes away
        long evening = SimulationSpec.DEFAULT_START_TIME + 19 * 3600;
        CronJobSpec kolkata = new CronJobSpec("0 1 * * *", "Asia/Kolkata", "Allow", null, false, 3, 1, Map.of(),
                Map.of(), job(1, 1));
        BatchFixture.Run z = run(List.of(cronManifest("nightly", kolkata)), Map.of(), runs(10, 0), 1, 40 * 60, evening);
        assertEquals(SimTime.minutes(30) + SimTime.millis(100), z.events("SuccessfulCreate").get(0).time());
        Job j = z.sim.store().jobs().list().iterator().next();
        assertEquals("2026-01-02T01:00:00+05:30", j.metadata().annotation(CronJob.ANNOTATION_SCHEDULED_TIMESTAMP));
    }

    @Test
    @DisplayName("pods of a CronJob's Jobs take the CronJob's application model (applications.<cronjob>)")
    void applicationModelByCronJobName() {
        // the default model runs forever; only the CronJob's own model lets its Jobs complete
        BatchFixture.Run r = run(List.of(cronManifest("report", cron("*/5 * * * *", "Allow", null, job(1, 1)))),
                Map.of("report", runs(20, 0)), ApplicationModel.DEFAULT, 1, 8 * 60,
                SimulationSpec.DEFAULT_START_TIME);
        assertEquals(1, r.sim.result().batch().cronJobs().get(0).jobsSucceeded());
        JobStats js = r.sim.result().batch().jobs().get(0);
        assertEquals("report", js.cronJob());
        assertEquals("Complete", js.outcome());
    }
}
