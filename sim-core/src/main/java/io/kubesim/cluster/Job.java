package io.kubesim.cluster;

import io.kubesim.api.JobSpec;
import io.kubesim.api.PodTemplate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Job (batch/v1): its spec and the status the Job controller writes (k8s-semantics.md 13.2,
 * 13.7): active, succeeded, failed and terminating counts, start and completion times, the
 * completed indexes of an Indexed Job, and the conditions in the order they were added.
 */
public final class Job implements ApiObject {
    public static final String KIND = "Job";
    /** Labels the API server adds to the template of a Job without a manual selector (13.1). */
    public static final String LABEL_CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    public static final String LABEL_JOB_NAME = "batch.kubernetes.io/job-name";
    public static final String LEGACY_LABEL_CONTROLLER_UID = "controller-uid";
    public static final String LEGACY_LABEL_JOB_NAME = "job-name";
    /** The completion index of a pod of an Indexed Job: annotation and label (13.4). */
    public static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

    private final ObjectMeta metadata;
    private final JobSpec spec;
    private int active;
    private int ready;
    private int succeeded;
    private int failed;
    private int terminating;
    private long startTime = -1;
    private long completionTime = -1;
    private String completedIndexes = "";
    private final List<Condition> conditions = new ArrayList<>(2);

    /**
     * A Job as the API server stores it: {@code spec.template} gets the generated selector's labels
     * {@code batch.kubernetes.io/controller-uid}, {@code batch.kubernetes.io/job-name} and their
     * legacy forms (13.1), and the Job's labels default to the template's when it has none.
     */
    public static Job create(ObjectMeta metadata, JobSpec spec) {
        PodTemplate t = spec.template()
                .withLabel(LABEL_CONTROLLER_UID, metadata.uid())
                .withLabel(LABEL_JOB_NAME, metadata.name())
                .withLabel(LEGACY_LABEL_CONTROLLER_UID, metadata.uid())
                .withLabel(LEGACY_LABEL_JOB_NAME, metadata.name());
        if (metadata.labels().isEmpty()) {
            metadata.setLabels(spec.template().labels());
        }
        return new Job(metadata, spec.withTemplate(t));
    }

    public Job(ObjectMeta metadata, JobSpec spec) {
        this.metadata = metadata;
        this.spec = spec;
    }

    @Override
    public ObjectMeta metadata() {
        return metadata;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public String name() {
        return metadata.name();
    }

    public JobSpec spec() {
        return spec;
    }

    public int active() {
        return active;
    }

    public int ready() {
        return ready;
    }

    public int succeeded() {
        return succeeded;
    }

    public int failed() {
        return failed;
    }

    public int terminating() {
        return terminating;
    }

    /** {@code status.startTime} in virtual microseconds; -1 while unset. */
    public long startTime() {
        return startTime;
    }

    public void setStartTime(long t) {
        startTime = t;
    }

    /** {@code status.completionTime}; -1 unless the Job completed. */
    public long completionTime() {
        return completionTime;
    }

    public void setCompletionTime(long t) {
        completionTime = t;
    }

    /** {@code status.completedIndexes}, e.g. {@code 1,3-5}; empty for a NonIndexed Job. */
    public String completedIndexes() {
        return completedIndexes;
    }

    /** Writes the counts; returns true when any changed. */
    public boolean setCounts(int active, int ready, int succeeded, int failed, int terminating, String completedIndexes) {
        boolean changed = active != this.active || ready != this.ready || succeeded != this.succeeded
                || failed != this.failed || terminating != this.terminating
                || !completedIndexes.equals(this.completedIndexes);
        this.active = active;
        this.ready = ready;
        this.succeeded = succeeded;
        this.failed = failed;
        this.terminating = terminating;
        this.completedIndexes = completedIndexes;
        return changed;
    }

    /** The conditions in the order they were first set. */
    public List<Condition> conditions() {
        return Collections.unmodifiableList(conditions);
    }

    /** The condition of that type, or null. */
    public Condition condition(String type) {
        for (Condition c : conditions) {
            if (c.type().equals(type)) {
                return c;
            }
        }
        return null;
    }

    /** Sets (adding if absent) a condition; returns true when it was added or its status changed. */
    public boolean setCondition(String type, ConditionStatus status, String reason, String message, long now) {
        Condition c = condition(type);
        if (c == null) {
            c = new Condition(type, status, now);
            c.set(status, reason, message, now);
            conditions.add(c);
            return true;
        }
        return c.set(status, reason, message, now);
    }

    /** Finished: a {@code Complete} or {@code Failed} condition is True. */
    public boolean isFinished() {
        return isComplete() || isFailed();
    }

    public boolean isComplete() {
        Condition c = condition("Complete");
        return c != null && c.isTrue();
    }

    public boolean isFailed() {
        Condition c = condition("Failed");
        return c != null && c.isTrue();
    }

    /** The time the Job finished (its Complete or Failed condition turned True); -1 while running. */
    public long finishedAt() {
        Condition c = isComplete() ? condition("Complete") : isFailed() ? condition("Failed") : null;
        return c == null ? -1 : c.lastTransitionTime();
    }
}
