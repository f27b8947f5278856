package io.kubesim.controllers.job;

import io.kubesim.api.CronJobSpec;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.CronJob;
import io.kubesim.cluster.Job;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.controllers.Reconciler;
import io.kubesim.controllers.WorkQueue;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.WorkloadStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The CronJob controller, v2 (k8s-semantics.md 13.9). Virtual time 0 is the scenario's wall-clock
 * {@code startTime}; schedules are evaluated in the CronJob's {@code timeZone} (UTC when unset).
 * One sync: forget finished and missing active Jobs, delete finished Jobs beyond the history
 * limits, then (unless suspended) find the most recent unmet schedule time since
 * {@code lastScheduleTime} (or creation, or {@code now − startingDeadlineSeconds}), warn when more
 * than 100 were missed, give it up when it is past the starting deadline, and otherwise start
 * {@code <cronjob>-<minutes since the epoch>} under the concurrency policy. No periodic resync:
 * each sync re-queues for the next schedule time + 100 ms; Job events re-queue too.
 *
 * <p>With {@code Forbid} a due time is not started while a Job runs, and {@code lastScheduleTime}
 * stays where it was, so when that Job finishes the next sync starts the most recent missed time
 * late, unless {@code startingDeadlineSeconds} has passed (as upstream, see the Forbid note of the
 * CronJob concept page).
 */
public final class CronJobController {
    public static final String SOURCE = "cronjob-controller";
    /** nextScheduleDelta: a CronJob is re-queued this long after its next schedule time. */
    public static final long NEXT_SCHEDULE_DELTA = SimTime.millis(100);
    /** More missed schedule times than this give the TooManyMissedTimes warning. */
    public static final int MAX_MISSED = 100;
    private static final DateTimeFormatter RFC1123Z =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    /** The controller's view of one CronJob: its parsed schedule and zone, what it did, the Jobs last seen. */
    private static final class Tracking {
        final CronJob cronJob;
        CronSchedule schedule;
        ZoneId zone;
        String invalid;
        int started;
        int succeeded;
        int failed;
        int missed;
        int skipped;
        int replaced;
        int activePeak;
        /** The last schedule time (epoch seconds) held back by Forbid, counted once however often synced. */
        long lastSkipped = -1;
        /** Virtual time up to which schedule times past their starting deadline were counted as missed. */
        long givenUpTo = -1;
        /** The last state of each Job it created, by name: a Job deleted (TTL) before this sync saw it finish. */
        final Map<String, Job> lastSeen = new HashMap<>();

        Tracking(CronJob cronJob) {
            this.cronJob = cronJob;
            try {
                schedule = CronSchedule.parse(cronJob.spec().schedule());
            } catch (CronSchedule.InvalidScheduleException e) {
                invalid = "UnparseableSchedule:unparseable schedule: \"" + cronJob.spec().schedule() + "\" : "
                        + e.getMessage();
            }
            try {
                zone = cronJob.spec().timeZone().isEmpty() ? ZoneOffset.UTC : ZoneId.of(cronJob.spec().timeZone());
            } catch (DateTimeException e) {
                invalid = "UnknownTimeZone:invalid timeZone: \"" + cronJob.spec().timeZone() + "\": " + e.getMessage();
            }
        }
    }

    private final ClusterStore store;
    private final EventRecorder events;
    private final WorkQueue queue;
    private final long startEpochSeconds;
    private final BiFunction<String, String, String> displayName;
    private final Map<String, Tracking> tracking = new LinkedHashMap<>();

    /**
     * @param startEpochSeconds the wall-clock time (seconds since the Unix epoch) of virtual time 0
     * @param displayName       the output name of an object from its namespace and name
     */
    public CronJobController(ClusterStore store, EventRecorder events, long reactionDelay, long startEpochSeconds,
                             BiFunction<String, String, String> displayName) {
        this.store = store;
        this.events = events;
        this.queue = new WorkQueue(store.sim(), this::reconcile, reactionDelay);
        this.startEpochSeconds = startEpochSeconds;
        this.displayName = displayName;
    }

    public void start() {
        store.cronJobs().watch((type, cj) -> {
            if (type != WatchEventType.DELETED) {
                tracking.computeIfAbsent(cj.metadata().uid(), u -> new Tracking(cj));
                queue.add(cj.metadata().key());
            }
        });
        store.jobs().watch((type, job) -> {
            OwnerReference o = job.metadata().owner();
            if (o == null || !o.kind().equals(CronJob.KIND)) {
                return;
            }
            Tracking t = tracking.get(o.uid());
            if (t != null) {
                t.lastSeen.put(job.name(), job);
            }
            queue.add(job.metadata().namespace() + "/" + o.name());
        });
    }

    long reconcile(String key) {
        CronJob cj = store.cronJobs().get(key);
        if (cj == null) {
            return Reconciler.DONE;
        }
        Tracking t = tracking.computeIfAbsent(cj.metadata().uid(), u -> new Tracking(cj));
        long now = store.now();
        boolean changed = reconcileActive(cj, t);
        cleanupFinishedJobs(cj);
        if (t.invalid != null) {
            int colon = t.invalid.indexOf(':');
            events.warning(SOURCE, cj, t.invalid.substring(0, colon), t.invalid.substring(colon + 1));
            return Reconciler.DONE;
        }
        CronJobSpec spec = cj.spec();
        if (spec.suspend()) {
            if (changed) {
                store.cronJobs().update(cj);
            }
            return Reconciler.DONE;
        }
        long earliest = cj.lastScheduleTime() >= 0 ? cj.lastScheduleTime() : cj.metadata().creationTimestamp();
        if (spec.startingDeadlineSeconds() != null) {
            long bound = now - JobController.saturatedMicros(spec.startingDeadlineSeconds());
            if (bound > earliest) {
                countGivenUp(t, wall(Math.max(earliest, t.givenUpTo)), wall(bound));
                t.givenUpTo = bound;
                earliest = bound;
            }
        }
        long candidate = -1;
        int count = 0;
        for (long s = next(t, wall(earliest)); s >= 0 && virtual(s) <= now && count <= 100_000; s = next(t, s)) {
            candidate = s;
            count++;
        }
        if (candidate >= 0) {
            changed |= startDue(cj, t, candidate, count, now);
        }
        if (changed) {
            store.cronJobs().update(cj);
        }
        long nextRun = next(t, Math.floorDiv(now, SimTime.MICROS_PER_SECOND) + startEpochSeconds);
        return nextRun < 0 ? Reconciler.DONE : Math.max(0, virtual(nextRun) + NEXT_SCHEDULE_DELTA - now);
    }

    /** Steps 5–10 for the most recent unmet schedule time {@code scheduled} (epoch seconds). */
    private boolean startDue(CronJob cj, Tracking t, long scheduled, int missedTimes, long now) {
        CronJobSpec spec = cj.spec();
        if (missedTimes > MAX_MISSED) {
            events.warning(SOURCE, cj, "TooManyMissedTimes", "too many missed start times. Set or decrease "
                    + ".spec.startingDeadlineSeconds or check clock skew");
        }
        long at = virtual(scheduled);
        if (spec.startingDeadlineSeconds() != null && at + JobController.saturatedMicros(spec.startingDeadlineSeconds()) < now) {
            t.missed++;
            events.warning(SOURCE, cj, "MissSchedule", "Missed scheduled time to start a job: "
                    + RFC1123Z.format(Instant.ofEpochSecond(scheduled).atZone(t.zone)));
            return false;
        }
        String name = cj.name() + "-" + Math.floorDiv(scheduled, 60);
        if (cj.active().contains(name) || cj.lastScheduleTime() == at) {
            return false;
        }
        if (spec.concurrencyPolicy().equals("Forbid") && !cj.active().isEmpty()) {
            if (t.lastSkipped != scheduled) {
                t.lastSkipped = scheduled;
                t.skipped++;
            }
            events.normal(SOURCE, cj, "JobAlreadyActive",
                    "Not starting job because prior execution is running and concurrency policy is Forbid");
            return false;
        }
        if (spec.concurrencyPolicy().equals("Replace")) {
            for (String running : new ArrayList<>(cj.active())) {
                Job j = store.jobs().get(cj.metadata().namespace(), running);
                if (j != null) {
                    store.jobs().remove(j);
                    t.replaced++;
                    events.normal(SOURCE, cj, "SuccessfulDelete", "Deleted job " + running);
                }
                cj.removeActive(running);
            }
        }
        if (store.jobs().get(cj.metadata().namespace(), name) == null) {
            ObjectMeta meta = new ObjectMeta(cj.metadata().namespace(), name, store.newUid());
            meta.setLabels(spec.jobLabels());
            Map<String, String> annotations = new TreeMap<>(spec.jobAnnotations());
            annotations.put(CronJob.ANNOTATION_SCHEDULED_TIMESTAMP,
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(scheduled).atZone(t.zone)));
            meta.setAnnotations(annotations);
            meta.setOwner(new OwnerReference(CronJob.KIND, cj.name(), cj.metadata().uid()));
            store.jobs().create(Job.create(meta, spec.job()));
            t.started++;
            events.normal(SOURCE, cj, "SuccessfulCreate", "Created job " + name);
        }
        cj.addActive(name);
        cj.setLastScheduleTime(at);
        t.activePeak = Math.max(t.activePeak, cj.active().size());
        return true;
    }

    /** Step 1: finished Jobs leave {@code status.active} (SawCompletedJob), vanished ones too (MissingJob). */
    private boolean reconcileActive(CronJob cj, Tracking t) {
        boolean changed = false;
        for (String name : new ArrayList<>(cj.active())) {
            Job j = store.jobs().get(cj.metadata().namespace(), name);
            if (j == null) {
                j = t.lastSeen.get(name);
                if (j == null || !j.isFinished()) {
                    cj.removeActive(name);
                    events.normal(SOURCE, cj, "MissingJob", "Active job went missing: " + name);
                    changed = true;
                    continue;
                }
            }
            if (j.isFinished()) {
                cj.removeActive(name);
                events.normal(SOURCE, cj, "SawCompletedJob", "Saw completed job: " + name + ", condition: "
                        + (j.isComplete() ? "Complete" : "Failed"));
                if (j.isComplete()) {
                    t.succeeded++;
                    cj.setLastSuccessfulTime(Math.max(cj.lastSuccessfulTime(), j.completionTime()));
                } else {
                    t.failed++;
                }
                changed = true;
            }
        }
        return changed;
    }

    /** Step 2: deletes the oldest finished Jobs (by start time) beyond the history limits. */
    private void cleanupFinishedJobs(CronJob cj) {
        List<Job> succeeded = new ArrayList<>();
        List<Job> failed = new ArrayList<>();
        for (Job j : store.jobsByOwner().get(cj.metadata().uid())) {
            if (j.isComplete()) {
                succeeded.add(j);
            } else if (j.isFailed()) {
                failed.add(j);
            }
        }
        removeOldest(cj, succeeded, cj.spec().successfulJobsHistoryLimit());
        removeOldest(cj, failed, cj.spec().failedJobsHistoryLimit());
    }

    private void removeOldest(CronJob cj, List<Job> jobs, int limit) {
        if (jobs.size() <= limit) {
            return;
        }
        // byJobStartTime: unset start times last, then by name
        jobs.sort(Comparator.comparing((Job j) -> j.startTime() < 0).thenComparingLong(Job::startTime)
                .thenComparing(Job::name));
        for (int i = 0; i < jobs.size() - limit; i++) {
            store.jobs().remove(jobs.get(i));
            events.normal(SOURCE, cj, "SuccessfulDelete", "Deleted job " + jobs.get(i).name());
        }
    }

    /**
     * Schedule times in {@code (from, to]} (wall seconds) that passed unstarted and are now beyond
     * startingDeadlineSeconds: the controller skips them silently; the stats count them as missed.
     */
    private void countGivenUp(Tracking t, long from, long to) {
        int n = 0;
        for (long s = next(t, from); s >= 0 && s <= to && n <= 100_000; s = next(t, s)) {
            n++;
        }
        t.missed += n;
    }

    private long next(Tracking t, long epochSeconds) {
        return t.schedule.nextEpochSeconds(epochSeconds, t.zone);
    }

    /** Wall-clock seconds of a virtual time. */
    private long wall(long virtualMicros) {
        return startEpochSeconds + Math.floorDiv(virtualMicros, SimTime.MICROS_PER_SECOND);
    }

    /** Virtual microseconds of a wall-clock time. */
    private long virtual(long epochSeconds) {
        return SimTime.seconds(epochSeconds - startEpochSeconds);
    }

    /** Each CronJob's stats, in creation order. */
    public List<CronJobStats> stats() {
        List<CronJobStats> out = new ArrayList<>();
        for (Tracking t : tracking.values()) {
            CronJob cj = t.cronJob;
            out.add(new CronJobStats(CronJob.KIND, displayName.apply(cj.metadata().namespace(), cj.name()), t.started,
                    t.succeeded, t.failed, t.missed, t.skipped, t.replaced, t.activePeak));
        }
        return out;
    }

    /**
     * Each CronJob as summary.json's {@code workloads} reports it: desired is the Jobs it has
     * active at the end ({@code status.active}), ready and available the ready pods of those Jobs,
     * no fewest-available figure (-1), and {@link CronJobStats#figures} as extra.
     */
    public List<WorkloadStatus> workloads() {
        List<WorkloadStatus> out = new ArrayList<>();
        List<CronJobStats> all = stats();
        int i = 0;
        for (Tracking t : tracking.values()) {
            CronJobStats s = all.get(i++);
            CronJob cj = t.cronJob;
            int ready = 0;
            for (String job : cj.active()) {
                Job j = store.jobs().get(cj.metadata().namespace(), job);
                ready += j == null ? 0 : j.ready();
            }
            out.add(new WorkloadStatus(CronJob.KIND, s.displayName(), cj.active().size(), ready, ready, -1, List.of(),
                    s.figures()));
        }
        return out;
    }
}
