package io.kubesim.cluster;

/**
 * A node's heartbeat Lease ({@code kube-node-lease/<node>}), renewed by its kubelet every
 * {@code renewInterval} (a quarter of nodeLeaseDurationSeconds = 40 s, k8s-semantics.md 4.6)
 * until the kubelet stops. Renewals are implicit: {@link #renewTime(long)} computes the last one
 * from when the kubelet started, so a healthy node costs no events.
 */
public final class NodeLease {
    private final String node;
    private final long acquireTime;
    private final long renewInterval;
    private long stoppedAt = -1;

    NodeLease(String node, long acquireTime, long renewInterval) {
        this.node = node;
        this.acquireTime = acquireTime;
        this.renewInterval = renewInterval;
    }

    /** The node (holderIdentity). */
    public String node() {
        return node;
    }

    /** {@code spec.renewTime} as seen at {@code now}: the last renewal at or before now. */
    public long renewTime(long now) {
        long until = stoppedAt >= 0 ? Math.min(now, stoppedAt) : now;
        if (until < acquireTime) {
            return acquireTime;
        }
        return acquireTime + (until - acquireTime) / renewInterval * renewInterval;
    }

    /** Whether the kubelet still renews the lease. */
    public boolean renewing() {
        return stoppedAt < 0;
    }

    /** When the kubelet stopped renewing, or -1. */
    public long stoppedAt() {
        return stoppedAt;
    }

    void stop(long now) {
        if (stoppedAt < 0) {
            stoppedAt = now;
        }
    }
}
