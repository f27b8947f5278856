package io.kubesim.sim;

import io.kubesim.controllers.daemonset.DaemonPods;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Eviction;
import io.kubesim.cluster.EvictionResult;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code kubectl drain} (k8s-semantics.md 6.3): cordons the node, evicts all its pods in
 * parallel through the eviction API, retries each refused (429) eviction every
 * {@value #RETRY_SECONDS} s, and polls every second until each evicted pod is gone. Pods no
 * controller manages stop the drain unless {@code force} is set; a timeout, or an eviction error
 * other than 429, fails it. The node stays cordoned either way, as with kubectl. DaemonSet-managed
 * pods are left running, as with {@code --ignore-daemonsets} (k8s-semantics.md 6.3, 12.3): they
 * tolerate the cordon, and their controller would put them back.
 */
final class NodeDrain {
    static final String SOURCE = "kubectl";
    /** kubectl drain's wait between eviction attempts refused with 429. */
    static final int RETRY_SECONDS = 5;
    static final long RETRY_INTERVAL = SimTime.seconds(RETRY_SECONDS);
    /** kubectl drain's poll for an evicted pod to be gone. */
    static final long POLL_INTERVAL = SimTime.seconds(1);
    static final String UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";

    private final ClusterStore store;
    private final Eviction eviction;
    private final EventRecorder events;
    private final TimelineAction.Drain action;
    private final DrainRecord record;
    private final Consumer<DrainRecord> onEnd;
    private int remaining;
    private boolean over;

    /**
     * @param onEnd called once, when the drain completes or fails
     */
    NodeDrain(ClusterStore store, Eviction eviction, EventRecorder events, TimelineAction.Drain action,
              DrainRecord record, Consumer<DrainRecord> onEnd) {
        this.store = store;
        this.eviction = eviction;
        this.events = events;
        this.action = action;
        this.record = record;
        this.onEnd = onEnd;
    }

    void start() {
        Node node = store.nodes().get(action.node());
        if (node == null) {
            fail("nodes \"" + action.node() + "\" not found", null);
            return;
        }
        Cordoning.cordon(store, events, node);
        List<Pod> pods = new ArrayList<>();
        List<String> unmanaged = new ArrayList<>();
        List<String> daemonPods = new ArrayList<>();
        for (Pod p : store.podsByNode().get(node.name())) {
            if (DaemonPods.isDaemonPod(p)) {
                if (!p.isTerminal()) {
                    daemonPods.add(p.namespace() + "/" + p.name()); // --ignore-daemonsets: left running
                }
                continue;
            }
            pods.add(p);
            if (p.metadata().owner() == null && !p.isTerminal()) {
                unmanaged.add(p.namespace() + "/" + p.name());
            }
        }
        if (!unmanaged.isEmpty()) {
            if (!action.force()) {
                fail(UNMANAGED_FATAL + ": " + String.join(", ", unmanaged), node);
                return;
            }
            events.warning(SOURCE, node, "DrainWarning", "Warning: deleting Pods that declare no controller: "
                    + String.join(", ", unmanaged));
        }
        if (!daemonPods.isEmpty()) {
            events.warning(SOURCE, node, "DrainWarning", "Warning: ignoring DaemonSet-managed Pods: "
                    + String.join(", ", daemonPods));
        }
        events.normal(SOURCE, node, "Draining", "node/" + node.name() + " cordoned; evicting " + pods.size()
                + " pod(s)");
        if (action.timeout() > 0) {
            store.sim().schedule(action.timeout(), () -> {
                if (!over) {
                    fail("drain did not complete within " + SimTime.format(action.timeout()), node);
                }
            });
        }
        remaining = pods.size();
        if (remaining == 0) {
            complete(node);
            return;
        }
        for (Pod p : pods) {
            events.normal(SOURCE, p, "Evicting", "evicting pod " + p.namespace() + "/" + p.name());
            evict(node, p);
        }
    }

    private void evict(Node node, Pod pod) {
        if (over) {
            return;
        }
        EvictionResult r = eviction.evict(pod, action.gracePeriodSeconds());
        if (r.evicted()) {
            record.evictedOne();
            waitForDelete(node, pod);
        } else if (r.code() == EvictionResult.NOT_FOUND) {
            podGone(node);
        } else if (r.retryable()) {
            record.blocked();
            events.warning(SOURCE, pod, "EvictionBlocked", "error when evicting pods/\"" + pod.name() + "\" -n \""
                    + pod.namespace() + "\" (will retry after " + RETRY_SECONDS + "s): " + r.describe());
            store.sim().schedule(RETRY_INTERVAL, () -> evict(node, pod));
        } else {
            fail("error when evicting pods/\"" + pod.name() + "\" -n \"" + pod.namespace() + "\": " + r.describe(),
                    node);
        }
    }

    /** Polls at once and then every second, as kubectl's waitForDelete does. */
    private void waitForDelete(Node node, Pod pod) {
        if (over) {
            return;
        }
        if (!store.pods().contains(pod)) {
            podGone(node);
            return;
        }
        store.sim().schedule(POLL_INTERVAL, () -> waitForDelete(node, pod));
    }

    private void podGone(Node node) {
        remaining--;
        if (remaining == 0) {
            complete(node);
        }
    }

    private void complete(Node node) {
        over = true;
        record.finish(store.now());
        events.normal(SOURCE, node, "Drained", "node/" + node.name() + " drained");
        onEnd.accept(record);
    }

    private void fail(String why, Node node) {
        over = true;
        record.fail(why);
        String message = "error: unable to drain node \"" + action.node() + "\" due to error: " + why;
        if (node != null) {
            events.warning(SOURCE, node, "DrainFailed", message);
        }
        onEnd.accept(record);
    }
}
