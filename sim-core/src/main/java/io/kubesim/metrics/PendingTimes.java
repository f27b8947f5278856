package io.kubesim.metrics;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;

/**
 * How long pods wait for a node: for each pod, the time from its creation until it is bound
 * (or deleted, or the end of the run, if it never is). Keeps the longest wait and whose it was,
 * for summary.json's {@code pods.longestPendingSeconds} and the capacity planner's pending SLO.
 */
public final class PendingTimes {
    private final ClusterStore store;
    private long longest;
    private String longestPod = "";

    public PendingTimes(ClusterStore store) {
        this.store = store;
    }

    /** Starts observing pods (in line, adding no events): a wait ends when the pod is bound or deleted unbound. */
    public void start() {
        store.pods().observe((type, pod) -> {
            if (pod.isBound()) {
                if (type != WatchEventType.DELETED) {
                    offer(pod, pod.scheduledCondition().lastTransitionTime());
                }
            } else if (type == WatchEventType.DELETED) {
                offer(pod, store.sim().now());
            }
        });
    }

    private void offer(Pod pod, long waitEnd) {
        long wait = waitEnd - pod.metadata().creationTimestamp();
        if (wait > longest) {
            longest = wait;
            longestPod = pod.namespace() + "/" + pod.name();
        }
    }

    /** A pod's wait for a node: how long, and whose ("" when no pod waited). */
    public record Wait(long micros, String pod) {
    }

    /** The longest wait so far, counting pods still waiting at {@code now}. */
    public Wait longest(long now) {
        long max = longest;
        String who = longestPod;
        for (Pod p : store.pods().list()) {
            if (p.isActive() && !p.isBound() && now - p.metadata().creationTimestamp() > max) {
                max = now - p.metadata().creationTimestamp();
                who = p.namespace() + "/" + p.name();
            }
        }
        return new Wait(max, who);
    }
}
