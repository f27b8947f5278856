package io.kubesim.kubelet;

import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every node's resource housekeeping, every {@link #HOUSEKEEPING_INTERVAL} (cAdvisor's housekeeping
 * and the eviction manager's monitoring period, both 10 s): takes the request load from the
 * traffic model, then runs each node's {@link NodeResources} pass, and records per-node and
 * per-workload usage series.
 */
public final class ResourceMonitor {
    public static final long HOUSEKEEPING_INTERVAL = SimTime.seconds(10);

    /** Per-node series, in the order they are first recorded. */
    private static final String[] NODE_SERIES = {"node_cpu_usage_cores", "node_cpu_allocatable_cores",
            "node_memory_working_set_bytes", "node_memory_allocatable_bytes", "node_memory_available_bytes", "node_pods",
            "node_memory_pressure"};

    private final NodeAgentContext ctx;
    private final Kubelets kubelets;
    private final RequestLoad load;
    private final TimeSeriesStore series;
    private final long recordEvery;
    private final Function<Pod, String> workloadName;
    /** Every node ever monitored, in the order it joined, kept after it leaves for the summary. */
    private final Map<String, NodeResources> nodes = new LinkedHashMap<>();
    private long lastTick;
    private long pass;
    /** See {@link #kubeletsInNodeOrder}: the list and the versions it was made at. */
    private final List<Kubelet> inNodeOrder = new ArrayList<>();
    private long orderNodesVersion = -1;
    private long orderKubeletsVersion = -1;
    /** Per workload: cpu used, working set, cpu throttled; reused from pass to pass (lookups only). */
    private final Map<String, double[]> byWorkload = new java.util.HashMap<>();

    /** Per-node figures for the summary. */
    public record NodeStats(String node, double memoryPressureSeconds, int evictions, long oomKills) {
    }

    ResourceMonitor(NodeAgentContext ctx, Kubelets kubelets, RequestLoad load, TimeSeriesStore series,
                    long sampleInterval, Function<Pod, String> workloadName) {
        this.ctx = ctx;
        this.kubelets = kubelets;
        this.load = load;
        this.series = series;
        this.recordEvery = (sampleInterval + HOUSEKEEPING_INTERVAL - 1) / HOUSEKEEPING_INTERVAL * HOUSEKEEPING_INTERVAL;
        this.workloadName = workloadName;
    }

    void start() {
        ctx.sim().schedule(HOUSEKEEPING_INTERVAL, this::tick);
    }

    void track(Node node, NodeResources r) {
        nodes.put(node.name(), r);
    }

    private void tick() {
        long now = ctx.sim().now();
        long window = now - lastTick;
        lastTick = now;
        long thisPass = ++pass;
        List<Kubelet> live = new ArrayList<>();
        for (Kubelet k : kubeletsInNodeOrder()) {
            if (k.resources() != null && !k.isDown()) {
                live.add(k);
            }
        }
        load.visitChanges((pod, target, cpu, offered, memory) -> {
            PodWorker w = target instanceof PodWorker given && given.attached() ? given : kubelets.workerOf(pod);
            if (w != null && !w.containers().isEmpty()) {
                ContainerRunner serving = w.containers().get(0);
                serving.usage().observeLoad(cpu, offered, memory, window, thisPass);
                NodeResources r = w.kubelet().resources();
                if (r != null) {
                    r.loadObserved(serving);
                }
            }
        });
        for (Kubelet k : live) {
            k.resources().housekeeping(now, HOUSEKEEPING_INTERVAL, thisPass);
        }
        if (now % recordEvery == 0) {
            record(now, live);
        }
        ctx.sim().schedule(HOUSEKEEPING_INTERVAL, this::tick);
    }

    /**
     * The kubelets of the stored nodes, in the nodes' list order: made again only when a node was
     * created or deleted or a kubelet started or went, not looked up by name for every node at
     * every pass.
     */
    private List<Kubelet> kubeletsInNodeOrder() {
        long nodesVersion = ctx.store().nodes().membershipVersion();
        long kubeletsVersion = kubelets.version();
        if (nodesVersion != orderNodesVersion || kubeletsVersion != orderKubeletsVersion) {
            inNodeOrder.clear();
            for (Node n : ctx.store().nodes().list()) {
                Kubelet k = kubelets.of(n.name());
                if (k != null) {
                    inNodeOrder.add(k);
                }
            }
            orderNodesVersion = nodesVersion;
            orderKubeletsVersion = kubeletsVersion;
        }
        return inNodeOrder;
    }

    private void record(long now, List<Kubelet> live) {
        for (double[] sums : byWorkload.values()) {
            sums[0] = -1; // not seen in this pass
        }
        for (Kubelet k : live) {
            NodeResources r = k.resources();
            if (r.series == null) {
                String labels = "node=" + k.node().name();
                r.series = new TimeSeries[NODE_SERIES.length];
                for (int i = 0; i < NODE_SERIES.length; i++) {
                    r.series[i] = series.series(NODE_SERIES[i], labels);
                }
            }
            r.series[0].record(now, r.cpuUsed());
            r.series[1].record(now, k.node().allocatable().cpuMillis() / 1000.0);
            r.series[2].record(now, Math.round(r.workingSet()));
            r.series[3].record(now, k.node().allocatable().memoryBytes());
            r.series[4].record(now, Math.round(r.memoryCapacity() - r.workingSet()));
            r.series[5].record(now, k.podCount());
            r.series[6].record(now, r.eviction().underPressure() ? 1 : 0);
            for (PodWorker w : k.workers()) {
                double[] sums = byWorkload.computeIfAbsent(w.workloadName(workloadName), x -> new double[3]);
                if (sums[0] < 0) {
                    sums[0] = 0;
                    sums[1] = 0;
                    sums[2] = 0;
                }
                for (ContainerRunner c : w.containers()) {
                    if (c.isRunning()) {
                        ContainerUsage u = c.usage();
                        sums[0] += u.cpuUsed();
                        sums[1] += u.memoryAt(now, c.startedAt());
                        sums[2] += Math.max(0, u.cpuDemand - u.cpuAllocated);
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, double[]> e : byWorkload.entrySet()) {
            if (e.getValue()[0] >= 0) {
                names.add(e.getKey());
            }
        }
        java.util.Collections.sort(names);
        for (String name : names) {
            double[] sums = byWorkload.get(name);
            String labels = "workload=" + name;
            series.series("workload_cpu_usage_cores", labels).record(now, sums[0]);
            series.series("workload_memory_working_set_bytes", labels).record(now, Math.round(sums[1]));
            series.series("workload_cpu_throttled_cores", labels).record(now, sums[2]);
        }
    }

    /** Per node: time under MemoryPressure, pods evicted, containers OOM-killed, up to {@code now}. */
    public List<NodeStats> nodeStats(long now) {
        List<NodeStats> out = new ArrayList<>();
        for (Map.Entry<String, NodeResources> e : nodes.entrySet()) {
            NodeResources r = e.getValue();
            out.add(new NodeStats(e.getKey(), SimTime.toSeconds(r.eviction().pressureTime(now)),
                    r.eviction().evictions(), r.oomKills()));
        }
        return out;
    }
}
