package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.metrics.Gauge;
import io.kubesim.metrics.TimeSeriesStore;
import io.kubesim.metrics.WorkloadObservers;
import io.kubesim.metrics.WorkloadStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Closes each {@link ActionWindow} at the first sample (every {@code sampleInterval}) at which the
 * cluster has settled after the action: the action's own work is over (a rollout complete, a drain
 * done or failed at its timeout, every batch of an upgrade done), no workload that had been fully
 * available is below its desired count (replacements are available again), and no pod on a node
 * the action took down still counts as Ready (before the node goes NotReady its pods only look
 * fine), and no request is still on its way to failing for what happened (a connect to an address
 * that is gone, a request to a node that is down: k8s-semantics.md 17.5; such a request fails only
 * when its client gives up, up to its timeout later). Workloads that were never fully available
 * (still starting, or broken from the start) do not hold a window open. At the end of the run a
 * window is also stretched over any outage that began inside it ({@link #coverOutages}).
 *
 * <p>It records no series: it is a {@link Gauge} only to be called at the sample instants.
 */
final class ActionSettling implements Gauge {
    private final ClusterStore store;
    private final WorkloadObservers workloads;
    private final List<ActionWindow> all = new ArrayList<>();
    private final List<ActionWindow> open = new ArrayList<>();
    /** Requests in flight that nothing will answer; 0 without traffic. */
    private java.util.function.LongSupplier lostRequests = () -> 0;

    ActionSettling(ClusterStore store, WorkloadObservers workloads) {
        this.store = store;
        this.workloads = workloads;
    }

    /** Where to read how many requests in flight nothing will answer (the traffic model's count). */
    void lostRequests(java.util.function.LongSupplier lost) {
        this.lostRequests = lost;
    }

    /** A window opened by the timeline, closed when the cluster settles. */
    void opened(ActionWindow w) {
        all.add(w);
        open.add(w);
    }

    /**
     * Done when the named workload of {@code kind} reports a rollout that began at or after
     * {@code since} and has ended (a StatefulSet's or DaemonSet's rollout, as its controller tracks it).
     */
    java.util.function.BooleanSupplier rolloutDone(String kind, String name, long since) {
        return () -> {
            for (WorkloadStatus w : workloads.all(store.now())) {
                if (w.kind().equals(kind) && sameName(w.name(), name)) {
                    return w.rollouts().stream().anyMatch(r -> r.start() >= since && r.end() >= 0);
                }
            }
            return false;
        };
    }

    /** A display name ({@code name} or {@code ns/name}) and a scenario's name for the same object. */
    private static boolean sameName(String display, String named) {
        return display.equals(named) || display.endsWith("/" + named) || named.endsWith("/" + display);
    }

    /** Every window, in the order the timeline played the actions. */
    List<ActionWindow> windows() {
        return Collections.unmodifiableList(all);
    }

    /**
     * An event was recorded: a kubelet's {@code Evicted} or the taint-eviction controller's
     * {@code TaintManagerEviction} counts in every window open at the time.
     */
    void event(io.kubesim.metrics.ClusterEvent e) {
        if (e.reason().equals("Evicted") || e.reason().equals("TaintManagerEviction")) {
            for (ActionWindow w : open) {
                w.evictedMeanwhile();
            }
        }
    }

    /**
     * At the end of the run: a settled window is held open to the end of any outage that began
     * inside it (a rollout of pods Ready before they serve is complete for the Deployment while its
     * Service is still failing; those failures are the rollout's).
     */
    void coverOutages(List<io.kubesim.traffic.Outage> outages) {
        for (ActionWindow w : all) {
            if (!w.settled()) {
                continue;
            }
            for (io.kubesim.traffic.Outage o : outages) {
                if (o.start() >= w.start() && o.start() <= w.end() && o.end() > w.end()) {
                    w.settle(o.end());
                }
            }
        }
    }

    @Override
    public void sample(long now, TimeSeriesStore series) {
        if (open.isEmpty()) {
            return;
        }
        boolean workloadsSettled = workloadsAtDesired(now) && lostRequests.getAsLong() == 0;
        open.removeIf(w -> {
            if (now > w.start() && w.done() && workloadsSettled && noReadyPodOn(w.failedNodes(), w.start())) {
                w.settle(now);
                return true;
            }
            return false;
        });
    }

    private boolean workloadsAtDesired(long now) {
        for (WorkloadStatus w : workloads.all(now)) {
            if (w.belowDesired() >= 0 && w.available() < w.desired()) {
                return false;
            }
        }
        return true;
    }

    /**
     * No pod that was there when the nodes went down still counts as Ready on them (pods created
     * since are replacements, possibly on a new node of the same name).
     */
    private boolean noReadyPodOn(List<String> nodes, long downAt) {
        if (nodes.isEmpty()) {
            return true;
        }
        for (String node : nodes) {
            for (Pod p : store.podsByNode().get(node)) {
                if (p.isActive() && p.isReady() && p.metadata().creationTimestamp() <= downAt) {
                    return false;
                }
            }
        }
        return true;
    }
}
