package io.kubesim.kubelet;

import io.kubesim.cluster.Pod;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Every live kubelet's pod workers by Pod object. The kubelets add and remove workers here exactly
 * where they take a pod on or let it go, so {@link #of} answers what looking up the pod's node and
 * then its uid would, in one identity lookup: the housekeeping pass and metrics-server's scrape ask
 * for every pod's worker every few seconds, and at 100,000 pods the chain of hash lookups (node
 * name, kubelet, uid) was a fifth of a run's time. Store objects are updated in place, so a pod keeps
 * its identity for its life.
 */
final class PodWorkers {
    private final Map<Pod, PodWorker> byPod = new IdentityHashMap<>();

    /** The worker looking after {@code pod} on a kubelet that is up, or null. */
    PodWorker of(Pod pod) {
        return byPod.get(pod);
    }

    void attached(PodWorker w) {
        PodWorker replaced = byPod.put(w.pod(), w);
        if (replaced != null && replaced != w) {
            replaced.attached(false);
        }
        w.attached(true);
    }

    void detached(PodWorker w) {
        if (byPod.remove(w.pod(), w)) {
            w.attached(false);
        }
    }
}
