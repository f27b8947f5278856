package io.kubesim.kubelet;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.EventRecorder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every node's kubelet. One watch on pods routes each event to the kubelet of the pod's node, so
 * the cost of a pod change does not grow with the number of nodes.
 */
public final class Kubelets {
    private final NodeAgentContext ctx;
    /** Every node's kubelet, in the order the nodes appeared. */
    private final Map<String, Kubelet> byNode = new LinkedHashMap<>();
    /** Counts kubelets started and gone: see {@link #version}. */
    private long version;
    private final PodWorkers workers = new PodWorkers();
    private final java.util.List<AppLifecycleListener> listeners = new java.util.ArrayList<>();
    private int nodesSeen;
    private ResourceMonitor monitor;
    private java.util.function.Function<Node, EvictionConfig> evictionConfigs;

    public Kubelets(ClusterStore store, EventRecorder events, Counters counters, KubeletConfig config,
                    ApplicationCatalog applications) {
        this(store, events, counters, config, applications, ImageRegistry.DEFAULT);
    }

    /** Kubelets pulling from {@code registry} (its round trip and the images that fail to pull). */
    public Kubelets(ClusterStore store, EventRecorder events, Counters counters, KubeletConfig config,
                    ApplicationCatalog applications, ImageRegistry registry) {
        this(store, events, counters, config, applications, registry, DecisionRecorder.disabled());
    }

    /** Kubelets that also record their decisions (e.g. {@code Terminating}) in {@code decisions}. */
    public Kubelets(ClusterStore store, EventRecorder events, Counters counters, KubeletConfig config,
                    ApplicationCatalog applications, ImageRegistry registry, DecisionRecorder decisions) {
        this.ctx = new NodeAgentContext(store.sim(), store, events, counters, config, applications, listeners,
                registry, decisions);
    }

    public void start() {
        ctx.store().nodes().watch(this::onNode);
        ctx.store().pods().watch(this::onPod);
        for (Node n : ctx.store().nodes().list()) {
            byNode.computeIfAbsent(n.name(), k -> newKubelet(n));
        }
        version++;
        if (monitor != null) {
            monitor.start();
        }
    }

    private Kubelet newKubelet(Node n) {
        Kubelet k = new Kubelet(ctx, n, ++nodesSeen, workers);
        if (monitor != null) {
            k.monitorResources(evictionConfigs.apply(n));
            monitor.track(n, k.resources());
        }
        return k;
    }

    /**
     * Simulates what containers use from now on: usage, CPU throttling, OOM kills and node-pressure
     * eviction, every node's kubelet with its own eviction settings. Call before {@link #start()}.
     *
     * @param load           the request load from the traffic model
     * @param series         where per-node and per-workload usage is recorded
     * @param sampleInterval how often series are sampled (usage is recorded at the housekeeping
     *                       pass at or after each multiple of it)
     * @param workloadName   the output name of a pod's workload
     */
    public ResourceMonitor monitorResources(RequestLoad load, java.util.function.Function<Node, EvictionConfig> eviction,
                                            io.kubesim.metrics.TimeSeriesStore series, long sampleInterval,
                                            java.util.function.Function<Pod, String> workloadName) {
        this.evictionConfigs = eviction;
        this.monitor = new ResourceMonitor(ctx, this, load, series, sampleInterval, workloadName);
        return monitor;
    }

    /** Registers a listener for the application state of every pod's first container. */
    public void addListener(AppLifecycleListener l) {
        listeners.add(l);
    }

    /** Name of the counter of container restarts. */
    public static final String RESTARTS_COUNTER = NodeAgentContext.RESTARTS;
    /** Name of the counter of containers OOM-killed (over their limit, or by the node's OOM killer). */
    public static final String OOM_KILLED_COUNTER = NodeAgentContext.OOM_KILLED;
    /** Name of the counter of pods evicted by kubelets for node pressure. */
    public static final String EVICTED_COUNTER = NodeAgentContext.EVICTED;

    /** The worker looking after {@code pod} on its node's kubelet while that kubelet is up, or null. */
    PodWorker workerOf(Pod pod) {
        return workers.of(pod);
    }

    /**
     * Whether probe workers skip their quiescent ticks (the default; see {@code ProbeWorker}). Off,
     * every tick is an engine event; outputs are the same either way but for the count of engine
     * events, which tests check.
     */
    public static void elideQuiescentProbeTicks(boolean on) {
        ProbeWorker.elideQuiescentTicks(on);
    }

    /**
     * Tests: every housekeeping pass checks the running containers each node keeps as they start
     * and end against a walk over its pods (and fails the run if they differ).
     */
    public static void checkRunningContainers(boolean on) {
        NodeResources.checkRunningList(on);
    }

    /**
     * Tests: every housekeeping pass measures every running container, as the reference for the
     * passes that measure only the containers whose usage may have changed.
     */
    public static void measureEveryContainer(boolean on) {
        NodeResources.measureEverything(on);
    }

    /** The kubelet of a node, or null. */
    public Kubelet of(String nodeName) {
        return byNode.get(nodeName);
    }

    /** A number that changes whenever a kubelet starts or goes with its node. */
    long version() {
        return version;
    }

    /**
     * What {@code pod}'s kubelet's resource-metrics endpoint reports at {@code now} (what
     * metrics-server scrapes) when a live kubelet runs the pod: the CPU its running containers used
     * over the last housekeeping window (millicores) and their working set (bytes), then the same
     * for each of {@code containers} the pod runs. Nothing for a pod or container with nothing
     * running, or a pod no live kubelet runs.
     */
    public void report(Pod pod, long now, Collection<String> containers, ResourceMetricsSink sink) {
        PodWorker w = workers.of(pod);
        if (w == null) {
            return;
        }
        report(w, "", now, sink);
        for (String c : containers) {
            report(w, c, now, sink);
        }
    }

    private static void report(PodWorker w, String container, long now, ResourceMetricsSink sink) {
        double cpu = 0;
        double memory = 0;
        boolean any = false;
        for (ContainerRunner c : w.containers()) {
            if (c.isRunning() && (container.isEmpty() || container.equals(c.name()))) {
                cpu += c.usage().cpuUsed();
                memory += c.usage().memoryAt(now, c.startedAt());
                any = true;
            }
        }
        if (any) {
            sink.point(w.pod(), container, Math.round(cpu * 1000), Math.round(memory));
        }
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
            ctx.store().nodeLeases().remove(node.name(), node.zone());
            Kubelet k = byNode.remove(node.name());
            if (k != null) {
                version++;
                k.nodeGone();
            }
        } else if (ctx.store().nodes().contains(node) && !byNode.containsKey(node.name())) {
            byNode.put(node.name(), newKubelet(node));
            version++;
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
