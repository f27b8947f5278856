package io.kubesim.controllers.job;

import io.kubesim.api.JobSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.cluster.AdmissionException;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.CronJob;
import io.kubesim.cluster.Job;
import io.kubesim.cluster.NameGenerator;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.cluster.PodPhase;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.controllers.PodDeletionOrder;
import io.kubesim.controllers.Reconciler;
import io.kubesim.controllers.WorkQueue;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.WorkloadStatus;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The Job controller (k8s-semantics.md 13.2–13.7): counts each Job's finished pods once (the
 * job-tracking finalizer's bookkeeping; a failed pod through the {@link PodFailurePolicy}: ignored,
 * counted, or failing the Job at once), decides whether the Job failed (a FailJob rule, backoffLimit, including
 * container restarts under restartPolicy OnFailure; activeDeadlineSeconds) or completed, and
 * otherwise keeps {@code min(completions − succeeded, parallelism)} pods active, creating them
 * in slow-start batches after the pod-failure back-off ({@link PodFailureBackoff}). Indexed Jobs
 * get one pod per pending index, lowest first. Failure and success first set the interim
 * {@code FailureTarget} / {@code SuccessCriteriaMet} conditions and the terminal {@code Failed}
 * / {@code Complete} once no pod is terminating. Pod events re-sync a Job at most once a second
 * (syncJobBatchPeriod). A deleted Job's pods are deleted (the garbage collector's part).
 */
public final class JobController {
    public static final String SOURCE = "job-controller";
    /** syncJobBatchPeriod: pod events sync their Job at most once per second. */
    public static final long SYNC_JOB_BATCH_PERIOD = SimTime.seconds(1);
    /** MaxPodCreateDeletePerSync. */
    public static final int MAX_POD_CREATE_DELETE_PER_SYNC = 500;
    static final String COMPLETION_REASON = "CompletionsReached";
    static final String COMPLETION_MESSAGE = "Reached expected number of succeeded pods";
    static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
    static final String POD_FAILURE_POLICY = "PodFailurePolicy";

    /** The controller's bookkeeping for one Job: what it counted, when pods finished, the back-off. */
    private static final class Tracking {
        final Job job;
        final Set<String> counted = new HashSet<>();
        /** When each finished (or deleted) pod was first seen finished; lookup only. */
        final Map<String, Long> finishedAt = new HashMap<>();
        /** Pods removed from the store before they were counted. */
        final List<Pod> removed = new ArrayList<>();
        final PodFailureBackoff backoff = new PodFailureBackoff();
        final BitSet succeededIndexes = new BitSet();
        int succeeded;
        int failed;
        int activePeak;
        boolean tooManySucceededReported;
        /** The message of the first failed pod that matched a FailJob rule; null while none has. */
        String failJobMessage;
        /**
         * The Job's pods that can still matter to a sync, in creation order (the owner index's): every
         * pod in the store except those counted and finished, which no later sync reads again. So a
         * sync walks the active pods and the newly finished ones, not every pod the Job ever had (an
         * Indexed Job of 60,000 completions had its syncs walk up to 60,000 pods each). Null until the
         * first sync, which takes it from the owner index; the pods this controller creates are added
         * as it creates them, and a sync drops those that left the store or were counted finished.
         * May hold pods that left the store since: every walk skips them.
         */
        List<Pod> live;

        Tracking(Job job) {
            this.job = job;
        }
    }

    private final ClusterStore store;
    private final PodAdmission admission;
    private final EventRecorder events;
    private final NameGenerator names;
    private final WorkQueue queue;
    private final BiFunction<String, String, String> displayName;
    /** By Job uid, in creation order; kept after a Job is deleted, for its stats. */
    private final Map<String, Tracking> tracking = new LinkedHashMap<>();
    /**
     * The Jobs of {@link #tracking} that no CronJob created, in the same order: what
     * {@link #workloads()} reports at every sample, without going through every Job the CronJobs
     * ever started (a day of 300 CronJobs every two minutes starts 200,000).
     */
    private final List<Tracking> standalone = new ArrayList<>();

    /**
     * @param displayName the output name of an object from its namespace and name
     */
    public JobController(ClusterStore store, EventRecorder events, long reactionDelay,
                         BiFunction<String, String, String> displayName) {
        this.store = store;
        this.admission = new PodAdmission(store);
        this.events = events;
        this.names = new NameGenerator(store.sim().random().stream("job-controller/names"));
        this.queue = new WorkQueue(store.sim(), this::reconcile, reactionDelay);
        this.displayName = displayName;
    }

    /** Registers the watches: Jobs (synced at once) and their pods (synced batched). */
    public void start() {
        store.jobs().watch((type, job) -> {
            if (type == WatchEventType.DELETED) {
                deleteDependents(job);
                return;
            }
            track(job);
            queue.add(job.metadata().key());
        });
        store.pods().watch((type, pod) -> {
            OwnerReference o = pod.metadata().owner();
            if (o == null || !o.kind().equals(Job.KIND)) {
                return;
            }
            Tracking t = tracking.get(o.uid());
            if (t == null) {
                return;
            }
            String uid = pod.metadata().uid();
            // the finish time the back-off counts from: a deleting pod's, under TerminatingOrFailed,
            // is its deletion (deletionTimestamp − grace); under Failed, when it is really over
            if (pod.isTerminal() || type == WatchEventType.DELETED
                    || (pod.metadata().isDeleting() && !t.job.spec().replaceOnlyFailed())) {
                t.finishedAt.putIfAbsent(uid, store.now());
            }
            if (type == WatchEventType.DELETED && !t.counted.contains(uid)) {
                t.removed.add(pod);
            }
            queue.addAfter(pod.namespace() + "/" + o.name(), SYNC_JOB_BATCH_PERIOD);
        });
    }

    /** The garbage collector: a deleted Job's pods are deleted with it (background propagation). */
    private void deleteDependents(Job job) {
        for (Pod p : new ArrayList<>(store.podsByOwner().get(job.metadata().uid()))) {
            store.deletePod(p, null);
        }
    }

    /** The Job's bookkeeping, made at its first sight. */
    private Tracking track(Job job) {
        Tracking t = tracking.get(job.metadata().uid());
        if (t == null) {
            t = new Tracking(job);
            tracking.put(job.metadata().uid(), t);
            if (cronJobOf(job).isEmpty()) {
                standalone.add(t);
            }
        }
        return t;
    }

    /** The name of the CronJob that created {@code job}, as outputs name it; "" for none. */
    private String cronJobOf(Job job) {
        OwnerReference o = job.metadata().owner();
        return o != null && o.kind().equals(CronJob.KIND) ? displayName.apply(job.metadata().namespace(), o.name()) : "";
    }

    /** syncJob (13.2): count, check failure, manage pods, check success, write status. */
    long reconcile(String key) {
        Job job = store.jobs().get(key);
        if (job == null) {
            return Reconciler.DONE;
        }
        Tracking t = track(job);
        if (job.isFinished()) {
            return Reconciler.DONE;
        }
        long now = store.now();
        JobSpec spec = job.spec();
        assert liveMatchesIndex(job, t) : "live pods of " + key + " differ from the owner index at " + now;
        countFinished(job, t, now);
        boolean changed = false;
        if (!spec.suspend() && job.startTime() < 0) {
            job.setStartTime(now);
            changed = true;
        }
        long again = Long.MAX_VALUE;
        String failReason = null;
        String failMessage = null;
        var target = job.condition("FailureTarget");
        if (target != null && target.isTrue()) {
            failReason = target.reason();
            failMessage = target.message();
        } else if (t.failJobMessage != null) {
            failReason = POD_FAILURE_POLICY;
            failMessage = t.failJobMessage;
        } else if (t.failed > spec.backoffLimit() || restartsPastBackoffLimit(job, t)) {
            failReason = BACKOFF_LIMIT_EXCEEDED;
            failMessage = "Job has reached the specified backoff limit";
        } else if (spec.activeDeadlineSeconds() != null && job.startTime() >= 0 && !spec.suspend()) {
            long left = job.startTime() + saturatedMicros(spec.activeDeadlineSeconds()) - now;
            if (left <= 0) {
                failReason = DEADLINE_EXCEEDED;
                failMessage = "Job was active longer than specified deadline";
            } else {
                again = left;
            }
        }
        if (failReason != null) {
            for (Pod p : active(job, t)) {
                deletePod(job, p);
                // once the Job is finished every pod not yet terminated counts as failed
                t.counted.add(p.metadata().uid());
                t.failed++;
            }
            changed |= job.setCondition("FailureTarget", ConditionStatus.TRUE, failReason, failMessage, now);
            if (terminating(job, t) == 0) {
                job.setCondition("Failed", ConditionStatus.TRUE, failReason, failMessage, now);
                events.warning(SOURCE, job, failReason, failMessage);
                changed = true;
            }
        } else {
            long wait = manage(job, t, now);
            if (wait > 0) {
                again = Math.min(again, wait);
            }
            changed |= checkSuccess(job, t, now);
        }
        changed |= writeStatus(job, t);
        if (changed) {
            store.jobs().update(job);
        }
        assert liveMatchesIndex(job, t) : "live pods of " + key + " differ from the owner index after the sync";
        return again == Long.MAX_VALUE || job.isFinished() ? Reconciler.DONE : again;
    }

    /** Counts each newly finished pod once: Succeeded, Failed, or (TerminatingOrFailed) deleting. */
    private void countFinished(Job job, Tracking t, long now) {
        List<Pod> pods = new ArrayList<>();
        for (Pod p : live(job, t)) {
            if (store.pods().contains(p)) {
                pods.add(p);
            }
        }
        pods.addAll(t.removed);
        t.removed.clear();
        for (Pod p : pods) {
            String uid = p.metadata().uid();
            if (t.counted.contains(uid)) {
                continue;
            }
            long finished = t.finishedAt.getOrDefault(uid, now);
            boolean gone = !store.pods().contains(p);
            if (p.phase() == PodPhase.SUCCEEDED) {
                t.counted.add(uid);
                t.succeeded++;
                t.backoff.succeeded(finished);
                int index = completionIndex(p);
                if (index >= 0 && job.spec().completions() != null && index < job.spec().completions()) {
                    t.succeededIndexes.set(index);
                }
            } else if (p.phase() == PodPhase.FAILED || gone
                    || (!job.spec().replaceOnlyFailed() && p.metadata().isDeleting())) {
                t.counted.add(uid);
                PodFailurePolicy.Match m = job.spec().podFailurePolicy().isEmpty() ? PodFailurePolicy.Match.COUNT
                        : PodFailurePolicy.match(job.spec().podFailurePolicy(), p);
                if (m.action().equals("Ignore")) {
                    continue; // not counted toward backoffLimit; a replacement is created (13.5)
                }
                t.failed++;
                t.backoff.failed(finished);
                if (m.action().equals("FailJob") && t.failJobMessage == null) {
                    t.failJobMessage = m.message();
                }
            }
        }
        List<Pod> stillLive = new ArrayList<>(); // what the next sync reads
        for (Pod p : pods) {
            if (store.pods().contains(p) && !doneWith(t, p)) {
                stillLive.add(p);
            }
        }
        t.live = stillLive;
    }

    /** The pods a sync reads ({@link Tracking#live}), taken from the owner index at the first sync. */
    private List<Pod> live(Job job, Tracking t) {
        if (t.live == null) {
            t.live = new ArrayList<>(store.podsByOwner().get(job.metadata().uid()));
        }
        return t.live;
    }

    /** A pod no sync reads again: counted, and finished (a counted pod still terminating is read). */
    private static boolean doneWith(Tracking t, Pod p) {
        return p.isTerminal() && t.counted.contains(p.metadata().uid());
    }

    /**
     * Whether {@link Tracking#live}, without the pods that left the store, is the owner index
     * without the pods the controller is done with, in the same order. Only an assertion calls
     * it (tests run with assertions): it walks every pod of the Job.
     */
    private boolean liveMatchesIndex(Job job, Tracking t) {
        List<Pod> fromIndex = new ArrayList<>();
        for (Pod p : store.podsByOwner().get(job.metadata().uid())) {
            if (!doneWith(t, p)) {
                fromIndex.add(p);
            }
        }
        List<Pod> kept = new ArrayList<>();
        for (Pod p : live(job, t)) {
            if (store.pods().contains(p) && !doneWith(t, p)) {
                kept.add(p);
            }
        }
        return fromIndex.equals(kept);
    }

    /** restartPolicy OnFailure: the restarts of running and pending pods reach backoffLimit (any restart when it is 0). */
    private boolean restartsPastBackoffLimit(Job job, Tracking t) {
        if (!job.spec().template().spec().restartPolicy().equals("OnFailure")) {
            return false;
        }
        int restarts = 0;
        for (Pod p : active(job, t)) {
            restarts += p.restartCount();
        }
        int limit = job.spec().backoffLimit();
        return limit == 0 ? restarts > 0 : restarts >= limit;
    }

    /**
     * manageJob: with the Job suspended, deletes its active pods; else deletes the surplus over
     * {@code wantActive} (least advanced first) or creates what is missing once the back-off has
     * passed. Returns how long to wait for the back-off, or 0.
     */
    private long manage(Job job, Tracking t, long now) {
        JobSpec spec = job.spec();
        List<Pod> active = active(job, t);
        if (spec.suspend()) {
            for (Pod p : active) {
                deletePod(job, p);
            }
            if (job.setCondition("Suspended", ConditionStatus.TRUE, "JobSuspended", "Job suspended", now)) {
                events.normal(SOURCE, job, "Suspended", "Job suspended");
            }
            return 0;
        }
        int succeeded = succeededCount(job, t);
        int wantActive = spec.completions() == null ? (succeeded > 0 ? active.size() : spec.parallelism())
                : Math.max(0, Math.min(spec.completions() - succeeded, spec.parallelism()));
        if (active.size() > wantActive) {
            List<Pod> sorted = new ArrayList<>(active);
            Map<Pod, Integer> ranks = new IdentityHashMap<>();
            sorted.forEach(p -> ranks.put(p, 0));
            sorted.sort(new PodDeletionOrder(ranks, now));
            int n = Math.min(active.size() - wantActive, MAX_POD_CREATE_DELETE_PER_SYNC);
            for (int i = 0; i < n; i++) {
                deletePod(job, sorted.get(i));
            }
            return 0;
        }
        int diff = wantActive - active.size() - (spec.replaceOnlyFailed() ? terminating(job, t) : 0);
        if (diff <= 0) {
            return 0;
        }
        long wait = t.backoff.remaining(now);
        if (wait > 0) {
            return wait;
        }
        List<Integer> indexes = spec.indexed() ? pendingIndexes(job, t, diff) : null;
        int count = Math.min(indexes == null ? diff : indexes.size(), MAX_POD_CREATE_DELETE_PER_SYNC);
        createPods(job, t, count, indexes);
        t.activePeak = Math.max(t.activePeak, active(job, t).size());
        return 0;
    }

    /** The lowest indexes that have neither succeeded nor an active (or, with Failed, a terminating) pod. */
    private List<Integer> pendingIndexes(Job job, Tracking t, int max) {
        BitSet taken = (BitSet) t.succeededIndexes.clone();
        for (Pod p : live(job, t)) {
            if (!store.pods().contains(p)) {
                continue;
            }
            boolean holds = p.isActive() || (job.spec().replaceOnlyFailed() && !p.isTerminal());
            int index = completionIndex(p);
            if (holds && index >= 0) {
                taken.set(index);
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = taken.nextClearBit(0); i < job.spec().completions() && out.size() < max;
             i = taken.nextClearBit(i + 1)) {
            out.add(i);
        }
        return out;
    }

    /** Slow start: batches of 1, 2, 4 …, no further batch after one with a refused create. */
    private void createPods(Job job, Tracking tracking, int count, List<Integer> indexes) {
        List<Pod> live = live(job, tracking);
        PodTemplate tpl = job.spec().template();
        int made = 0;
        for (int batch = Math.min(count, 1); batch > 0; batch = Math.min(2 * batch, count - made)) {
            boolean refused = false;
            for (int i = 0; i < batch; i++) {
                int index = indexes == null ? -1 : indexes.get(made + i);
                String prefix = job.name() + "-" + (index >= 0 ? index + "-" : "");
                String name = names.generate(prefix);
                while (store.pods().get(job.metadata().namespace(), name) != null) {
                    name = names.generate(prefix);
                }
                ObjectMeta meta = new ObjectMeta(job.metadata().namespace(), name, store.newUid());
                PodTemplate t = index >= 0 ? tpl.withAnnotation(Job.COMPLETION_INDEX, Integer.toString(index))
                        .withLabel(Job.COMPLETION_INDEX, Integer.toString(index)) : tpl;
                meta.setLabels(t.labels());
                meta.setAnnotations(t.annotations());
                meta.setOwner(new OwnerReference(Job.KIND, job.name(), job.metadata().uid()));
                try {
                    live.add(admission.create(new Pod(meta, t.spec(), store.now())));
                    events.normal(SOURCE, job, "SuccessfulCreate", "Created pod: " + name);
                } catch (AdmissionException e) {
                    events.warning(SOURCE, job, "FailedCreate", "Error creating: " + e.getMessage());
                    refused = true;
                }
            }
            made += batch;
            if (refused) {
                return;
            }
        }
    }

    private void deletePod(Job job, Pod p) {
        store.deletePod(p, null);
        events.normal(SOURCE, job, "SuccessfulDelete", "Deleted pod: " + p.name());
    }

    /**
     * With completions, {@code succeeded ≥ completions} and no active pod; without (a work
     * queue), some success and no active pod: SuccessCriteriaMet, then Complete once no pod is
     * terminating (13.6, 13.7).
     */
    private boolean checkSuccess(Job job, Tracking t, long now) {
        JobSpec spec = job.spec();
        int succeeded = succeededCount(job, t);
        int active = active(job, t).size();
        boolean changed = false;
        if (!spec.indexed() && spec.completions() != null && t.succeeded > spec.completions()
                && !t.tooManySucceededReported) {
            t.tooManySucceededReported = true;
            events.warning(SOURCE, job, "TooManySucceededPods",
                    "Too many succeeded pods running after completion count reached");
        }
        boolean complete = spec.completions() != null ? succeeded >= spec.completions() && active == 0
                : succeeded > 0 && active == 0;
        if (!complete || spec.suspend()) {
            return false;
        }
        changed |= job.setCondition("SuccessCriteriaMet", ConditionStatus.TRUE, COMPLETION_REASON, COMPLETION_MESSAGE,
                now);
        if (terminating(job, t) == 0) {
            job.setCondition("Complete", ConditionStatus.TRUE, COMPLETION_REASON, COMPLETION_MESSAGE, now);
            job.setCompletionTime(now);
            events.normal(SOURCE, job, "Completed", "Job completed");
            changed = true;
        }
        return changed;
    }

    private boolean writeStatus(Job job, Tracking t) {
        int active = 0;
        int ready = 0;
        for (Pod p : live(job, t)) {
            if (store.pods().contains(p) && p.isActive()) {
                active++;
                if (p.isReady()) {
                    ready++;
                }
            }
        }
        t.activePeak = Math.max(t.activePeak, active);
        return job.setCounts(active, ready, t.succeeded, t.failed, terminating(job, t),
                job.spec().indexed() ? compress(t.succeededIndexes) : "");
    }

    private int succeededCount(Job job, Tracking t) {
        return job.spec().indexed() ? t.succeededIndexes.cardinality() : t.succeeded;
    }

    private List<Pod> active(Job job, Tracking t) {
        List<Pod> out = new ArrayList<>();
        for (Pod p : live(job, t)) {
            if (store.pods().contains(p) && p.isActive()) {
                out.add(p);
            }
        }
        return out;
    }

    private int terminating(Job job, Tracking t) {
        int n = 0;
        for (Pod p : live(job, t)) {
            if (store.pods().contains(p) && p.metadata().isDeleting() && !p.isTerminal()) {
                n++;
            }
        }
        return n;
    }

    /** Seconds as microseconds, saturating far beyond any run (an int64 deadline must not overflow). */
    static long saturatedMicros(long seconds) {
        return seconds > Long.MAX_VALUE / 4 / SimTime.MICROS_PER_SECOND ? Long.MAX_VALUE / 4 : SimTime.seconds(seconds);
    }

    /** The completion index annotation of an Indexed Job's pod, or -1. */
    static int completionIndex(Pod p) {
        String v = p.metadata().annotation(Job.COMPLETION_INDEX);
        if (v == null) {
            return -1;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code status.completedIndexes}: runs of consecutive indexes as ranges, e.g. {@code 1,3-5}. */
    static String compress(BitSet indexes) {
        StringBuilder sb = new StringBuilder();
        for (int i = indexes.nextSetBit(0); i >= 0; ) {
            int end = indexes.nextClearBit(i) - 1;
            sb.append(sb.length() == 0 ? "" : ",").append(i);
            if (end > i) {
                sb.append('-').append(end);
            }
            i = indexes.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    /** Each Job's stats in creation order, deleted Jobs included. */
    public List<JobStats> stats() {
        List<JobStats> out = new ArrayList<>();
        for (Tracking t : tracking.values()) {
            out.add(stats(t));
        }
        return out;
    }

    private JobStats stats(Tracking t) {
        Job j = t.job;
        double start = j.startTime() < 0 ? -1 : SimTime.toSeconds(j.startTime());
        double finish = j.finishedAt() < 0 ? -1 : SimTime.toSeconds(j.finishedAt());
        String outcome = j.isComplete() ? "Complete" : j.isFailed() ? "Failed: " + j.condition("Failed").reason()
                : j.spec().suspend() ? "Suspended" : "Running";
        return new JobStats(Job.KIND, displayName.apply(j.metadata().namespace(), j.name()), cronJobOf(j),
                j.spec().completions() == null ? -1 : j.spec().completions(), j.spec().parallelism(),
                j.succeeded(), j.failed(), t.activePeak, start, finish,
                start >= 0 && finish >= 0 ? finish - start : -1, outcome);
    }

    /**
     * The Jobs of the manifests (not those a CronJob created: their CronJob reports them) as
     * summary.json's {@code workloads} reports them: desired is {@code spec.completions}
     * (parallelism for a work-queue Job), ready and available {@code status.ready} at the end, no
     * fewest-available figure (-1: a Job's pods are meant to end), and {@link JobStats#figures} as
     * extra.
     */
    public List<WorkloadStatus> workloads() {
        List<WorkloadStatus> out = new ArrayList<>();
        for (Tracking t : standalone) {
            JobStats s = stats(t);
            Job j = t.job;
            int desired = j.spec().completions() == null ? j.spec().parallelism() : j.spec().completions();
            out.add(new WorkloadStatus(Job.KIND, s.displayName(), desired, j.ready(), j.ready(), -1, List.of(),
                    s.figures()));
        }
        return out;
    }
}
