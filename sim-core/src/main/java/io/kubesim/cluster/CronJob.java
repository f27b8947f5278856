package io.kubesim.cluster;

import io.kubesim.api.CronJobSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A CronJob (batch/v1): its spec and the status the CronJob controller writes
 * (k8s-semantics.md 13.9): the names of its active Jobs and the last schedule and success times.
 */
public final class CronJob implements ApiObject {
    public static final String KIND = "CronJob";
    /** The scheduled time of a Job the CronJob created, RFC 3339 in the CronJob's zone (13.9 step 10). */
    public static final String ANNOTATION_SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    private final ObjectMeta metadata;
    private final CronJobSpec spec;
    private final List<String> active = new ArrayList<>();
    private long lastScheduleTime = -1;
    private long lastSuccessfulTime = -1;

    public CronJob(ObjectMeta metadata, CronJobSpec spec) {
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

    public CronJobSpec spec() {
        return spec;
    }

    /** {@code status.active}: names of the Jobs it started that have not finished, in start order. */
    public List<String> active() {
        return Collections.unmodifiableList(active);
    }

    public void addActive(String job) {
        if (!active.contains(job)) {
            active.add(job);
        }
    }

    public boolean removeActive(String job) {
        return active.remove(job);
    }

    /** {@code status.lastScheduleTime} in virtual microseconds; -1 while unset. */
    public long lastScheduleTime() {
        return lastScheduleTime;
    }

    public void setLastScheduleTime(long t) {
        lastScheduleTime = t;
    }

    /** {@code status.lastSuccessfulTime}; -1 while unset. */
    public long lastSuccessfulTime() {
        return lastSuccessfulTime;
    }

    public void setLastSuccessfulTime(long t) {
        lastSuccessfulTime = t;
    }
}
