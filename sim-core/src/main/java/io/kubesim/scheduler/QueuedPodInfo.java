package io.kubesim.scheduler;

import io.kubesim.api.PodSpec;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pending pod in the {@link SchedulingQueue}: its {@link PodInfo}, when it was (re)queued, how
 * many attempts it has had, which plugins rejected it last, and where it is now.
 */
public final class QueuedPodInfo {
    /** Which part of the queue holds the pod. */
    public enum Where { ACTIVE, BACKOFF, UNSCHEDULABLE, IN_FLIGHT }

    private final Pod pod;
    private final long sequence;
    private PodInfo podInfo;
    private long timestamp;
    private int attempts;
    private Set<String> unschedulablePlugins = new TreeSet<>();
    Where where;
    /** The spec and labels last seen, to tell scheduling-relevant updates from status writes. */
    private PodSpec seenSpec;
    private Map<String, String> seenLabels;

    QueuedPodInfo(Pod pod, long sequence, long now) {
        this.pod = pod;
        this.sequence = sequence;
        this.timestamp = now;
        refresh();
    }

    /** Re-reads the pod; returns true when its spec or labels changed since last seen. */
    boolean refresh() {
        boolean changed = pod.spec() != seenSpec || pod.metadata().labels() != seenLabels;
        if (changed) {
            seenSpec = pod.spec();
            seenLabels = pod.metadata().labels();
            podInfo = PodInfo.of(pod);
        }
        return changed;
    }

    public Pod pod() {
        return pod;
    }

    public PodInfo podInfo() {
        return podInfo;
    }

    /** The time the pod entered the queue or last failed (PrioritySort's tie-break). */
    public long timestamp() {
        return timestamp;
    }

    void setTimestamp(long t) {
        timestamp = t;
    }

    /** Scheduling attempts so far, counting the one in flight. */
    public int attempts() {
        return attempts;
    }

    void incrementAttempts() {
        attempts++;
    }

    long sequence() {
        return sequence;
    }

    public Set<String> unschedulablePlugins() {
        return unschedulablePlugins;
    }

    void setUnschedulablePlugins(Set<String> plugins) {
        unschedulablePlugins = plugins;
    }

    public Where where() {
        return where;
    }
}
