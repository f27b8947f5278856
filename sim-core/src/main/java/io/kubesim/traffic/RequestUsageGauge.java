package io.kubesim.traffic;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.metrics.Gauge;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * Per sample interval, the CPU and memory that requests cost each workload whose application sets
 * {@code cpuPerRequest} or {@code memoryPerRequest}: {@code workload_request_cpu_cores} (CPU time
 * used in the interval / its length, at the interval's start like other per-interval series) and
 * {@code workload_request_memory_bytes} (requests held at the sample instant × bytes per request),
 * summed over the workload's pods. This is the share of a pod's
 * usage that follows the load.
 */
public final class RequestUsageGauge implements Gauge {
    private final TrafficModel traffic;
    private final ApplicationCatalog applications;
    private final long interval;
    private final BinaryOperator<String> naming;
    /** Each pod's cumulative CPU at the previous sample, by uid (lookups only, never iterated). */
    private Map<String, Double> lastCpu = new java.util.HashMap<>();
    /** The same for this sample; swapped with {@link #lastCpu} after each one. */
    private Map<String, Double> seen = new java.util.HashMap<>();

    /**
     * @param naming the output name of a workload from its namespace and name
     */
    public RequestUsageGauge(TrafficModel traffic, ApplicationCatalog applications, long interval,
                             BinaryOperator<String> naming) {
        this.traffic = traffic;
        this.applications = applications;
        this.interval = interval;
        this.naming = naming;
    }

    @Override
    public void sample(long now, TimeSeriesStore series) {
        traffic.settle();
        Map<String, double[]> byWorkload = new TreeMap<>();
        seen.clear();
        traffic.visitLoad((pod, target, model, cpuMicros, offered, held) -> {
            if (!model.hasRequestCost()) {
                return;
            }
            String uid = pod.metadata().uid();
            seen.put(uid, cpuMicros);
            String name = naming.apply(pod.namespace(), applications.workloadName(pod));
            double[] sums = byWorkload.computeIfAbsent(name, k -> new double[2]);
            sums[0] += cpuMicros - lastCpu.getOrDefault(uid, 0.0);
            sums[1] += held * model.memoryPerRequest();
        });
        Map<String, Double> previous = lastCpu;
        lastCpu = seen;
        seen = previous;
        for (Map.Entry<String, double[]> e : byWorkload.entrySet()) {
            String labels = "workload=" + e.getKey();
            if (now > 0) {
                series.series("workload_request_cpu_cores", labels).record(now - interval, e.getValue()[0] / interval);
            }
            series.series("workload_request_memory_bytes", labels).record(now, Math.round(e.getValue()[1]));
        }
    }
}
