package io.kubesim.kubelet;

import io.kubesim.engine.SimTime;

/**
 * Kubelet timings. Upstream constants are named; the rest are estimates of what a real node
 * takes, documented in docs/kubelet-model.md.
 *
 * @param podSyncDelay        from the pod being bound until its kubelet starts syncing it (watch + pod worker)
 * @param sandboxCreateTime   creating the pod sandbox and its network before any container
 * @param containerStartTime  the runtime's create + start of one container
 * @param backOffInitial      CrashLoopBackOff initial delay (kubelet.go backOffPeriod, 10 s)
 * @param backOffMax          CrashLoopBackOff cap (MaxContainerBackOff, 300 s)
 * @param minimumGracePeriod  the least time between SIGTERM and SIGKILL (minimumGracePeriodInSeconds, 2 s)
 * @param leaseRenewInterval  how often the node's Lease is renewed: a quarter of nodeLeaseDurationSeconds 40,
 *                            10 s (k8s-semantics.md 4.6)
 */
public record KubeletConfig(long podSyncDelay, long sandboxCreateTime, long containerStartTime, long backOffInitial,
                            long backOffMax, long minimumGracePeriod, long leaseRenewInterval) {
    public static final KubeletConfig DEFAULT = new KubeletConfig(
            SimTime.millis(100), SimTime.seconds(1), SimTime.millis(200),
            SimTime.seconds(10), SimTime.seconds(300), SimTime.seconds(2), SimTime.seconds(10));
}
