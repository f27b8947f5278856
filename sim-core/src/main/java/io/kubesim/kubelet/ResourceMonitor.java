package io.kubesim.kubelet;

import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every node's resource housekeeping, every {@link #HOUSEKEEPING_INTERVAL} (cAdvisor's housekeeping
 * and the eviction manager's monitoring period, both 10 s): takes the request load from the
 * traffic model, then runs each node's {@link NodeResources} pass, and records per-node and
 * per-workload usage series.
 */
public final class ResourceMonitor {
    public static final long HOUSEKEEPING_INTERVAL = SimTime.seconds(10);

    private final NodeAgentContext ctx;
    private final Kubelets kubelets;
    private final RequestLoad load;
    private final TimeSeriesStore series;
    private final long recordEvery;
    private final Function<Pod, String> workloadName;
    /** Every node ever monitored, in the order it joined, kept after it leaves for the summary. */
    private final Map<String, NodeResources> nodes = new LinkedHashMap<>();
    private long lastTick;

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
        List<Kubelet> live = new ArrayList<>();
        for (Node n : ctx.store().nodes().list()) {
            Kubelet k = kubelets.of(n.name());
            if (k != null && k.resources() != null && !k.isDown()) {
                live.add(k);
                for (PodWorker w : k.workers()) {
                    for (ContainerRunner c : w.containers()) {
                        c.usage().noLoad();
                    }
                }
            }
        }
        load.visit((pod, cpu, offered, memory) -> {
            Kubelet k = pod.isBound() ? kubelets.of(pod.nodeName()) : null;
            PodWorker w = k == null ? null : k.worker(pod.metadata().uid());
            if (w != null && !w.containers().isEmpty()) {
                w.containers().get(0).usage().observeLoad(cpu, offered, memory, window);
            }
        });
        for (Kubelet k : live) {
            k.resources().housekeeping(now, HOUSEKEEPING_INTERVAL);
        }
        if (now % recordEvery == 0) {
            record(now, live);
        }
        ctx.sim().schedule(HOUSEKEEPING_INTERVAL, this::tick);
    }

    private void record(long now, List<Kubelet> live) {
        Map<String, double[]> byWorkload = new TreeMap<>();
        for (Kubelet k : live) {
            NodeResources r = k.resources();
            String labels = "node=" + k.node().name();
            series.series("node_cpu_usage_cores", labels).record(now, r.cpuUsed());
            series.series("node_cpu_allocatable_cores", labels).record(now, k.node().allocatable().cpuMillis() / 1000.0);
            series.series("node_memory_working_set_bytes", labels).record(now, Math.round(r.workingSet()));
            series.series("node_memory_allocatable_bytes", labels).record(now, k.node().allocatable().memoryBytes());
            series.series("node_memory_available_bytes", labels).record(now,
                    Math.round(r.memoryCapacity() - r.workingSet()));
            series.series("node_pods", labels).record(now, k.podCount());
            series.series("node_memory_pressure", labels).record(now, r.eviction().underPressure() ? 1 : 0);
            for (PodWorker w : k.workers()) {
                double[] sums = byWorkload.computeIfAbsent(workloadName.apply(w.pod()), x -> new double[3]);
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
        for (Map.Entry<String, double[]> e : byWorkload.entrySet()) {
            String labels = "workload=" + e.getKey();
            series.series("workload_cpu_usage_cores", labels).record(now, e.getValue()[0]);
            series.series("workload_memory_working_set_bytes", labels).record(now, Math.round(e.getValue()[1]));
            series.series("workload_cpu_throttled_cores", labels).record(now, e.getValue()[2]);
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
