package io.kubesim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A node's heartbeat Lease ({@code kube-node-lease/<node>}), renewed by its kubelet every
 * {@code renewInterval} (a quarter of nodeLeaseDurationSeconds = 40 s, k8s-semantics.md 4.6)
 * while the kubelet runs. Renewals are implicit: {@link #renewTime(long)} computes the last one
 * from when the kubelet (re)started, so a healthy node costs no events.
 */
public final class NodeLease {
    /** A period in which the kubelet did not renew; {@code resumedAt} is -1 while it lasts. */
    public record Silence(long stoppedAt, long resumedAt) {
    }

    private final String node;
    private final long renewInterval;
    private long acquireTime;
    private long stoppedAt = -1;
    private final List<Silence> silences = new ArrayList<>();

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

    /** When the kubelet last started renewing. */
    public long acquireTime() {
        return acquireTime;
    }

    /** Whether the kubelet still renews the lease. */
    public boolean renewing() {
        return stoppedAt < 0;
    }

    /** When the kubelet stopped renewing, or -1 while it renews. */
    public long stoppedAt() {
        return stoppedAt;
    }

    /** Every period without renewals so far, the current one last (with {@code resumedAt} -1). */
    public List<Silence> silences() {
        List<Silence> out = new ArrayList<>(silences);
        if (stoppedAt >= 0) {
            out.add(new Silence(stoppedAt, -1));
        }
        return Collections.unmodifiableList(out);
    }

    void stop(long now) {
        if (stoppedAt < 0) {
            stoppedAt = now;
        }
    }

    /** The kubelet is back: it renews at once and every interval from now. */
    void resume(long now) {
        if (stoppedAt >= 0) {
            silences.add(new Silence(stoppedAt, now));
            stoppedAt = -1;
            acquireTime = now;
        }
    }
}
