package io.kubesim.kubelet;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import java.util.HashMap;
import java.util.Map;

/**
 * Every node's kubelet. One watch on pods routes each event to the kubelet of the pod's node, so
 * the cost of a pod change does not grow with the number of nodes.
 */
public final class Kubelets {
    private final NodeAgentContext ctx;
    private final Map<String, Kubelet> byNode = new HashMap<>();
    private final java.util.List<AppLifecycleListener> listeners = new java.util.ArrayList<>();
    private int nodesSeen;

    public Kubelets(ClusterStore store, EventRecorder events, Counters counters, KubeletConfig config,
                    ApplicationCatalog applications) {
        this.ctx = new NodeAgentContext(store.sim(), store, events, counters, config, applications, listeners);
    }

    public void start() {
        ctx.store().nodes().watch(this::onNode);
        ctx.store().pods().watch(this::onPod);
        for (Node n : ctx.store().nodes().list()) {
            byNode.computeIfAbsent(n.name(), k -> new Kubelet(ctx, n, ++nodesSeen));
        }
    }

    /** Registers a listener for the application state of every pod's first container. */
    public void addListener(AppLifecycleListener l) {
        listeners.add(l);
    }

    /** Name of the counter of container restarts. */
    public static final String RESTARTS_COUNTER = NodeAgentContext.RESTARTS;

    /** The kubelet of a node, or null. */
    public Kubelet of(String nodeName) {
        return byNode.get(nodeName);
    }

    /**
     * The node's machine goes down at this instant (see {@link Kubelet#machineDown()}); false
     * when there is no such node or it is down already.
     */
    public boolean machineDown(String nodeName) {
        Kubelet k = byNode.get(nodeName);
        if (k == null || k.isDown()) {
            return false;
        }
        k.machineDown();
        return true;
    }

    /**
     * The node's machine is back (see {@link Kubelet#recover()}); false when there is no such
     * node or it is not down.
     */
    public boolean recover(String nodeName) {
        Kubelet k = byNode.get(nodeName);
        if (k == null || !k.isDown()) {
            return false;
        }
        k.recover();
        return true;
    }

    private void onNode(WatchEventType type, Node node) {
        if (type == WatchEventType.DELETED) {
            ctx.store().nodeLeases().remove(node.name());
            Kubelet k = byNode.remove(node.name());
            if (k != null) {
                k.nodeGone();
            }
        } else if (ctx.store().nodes().contains(node)) {
            byNode.computeIfAbsent(node.name(), k -> new Kubelet(ctx, node, ++nodesSeen));
        }
    }

    private void onPod(WatchEventType type, Pod pod) {
        if (!pod.isBound()) {
            return;
        }
        Kubelet k = byNode.get(pod.nodeName());
        if (k != null) {
            k.podEvent(type, pod);
        }
    }
}
