package io.kubesim.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every {@link WorkloadObserver} of a run: the source of summary.json's {@code workloads}
 * section (every workload kind, ordered by kind, then display name) and of the per-kind
 * {@code workload_*} series.
 */
public final class WorkloadObservers {
    /** Summary order: kind, then display name. */
    public static final Comparator<WorkloadStatus> ORDER =
            Comparator.comparing(WorkloadStatus::kind).thenComparing(WorkloadStatus::name);

    private final List<WorkloadObserver> observers = new ArrayList<>();
    private final List<WorkloadObserver> sampled = new ArrayList<>();

    /** A workload kind for the summary and the {@code workload_*} series. */
    public void add(WorkloadObserver observer) {
        observers.add(observer);
        sampled.add(observer);
    }

    /**
     * A workload kind for the summary only: Deployments, which keep their own
     * {@code deployment_*} series and are not sampled twice.
     */
    public void addSummaryOnly(WorkloadObserver observer) {
        observers.add(observer);
    }

    /** Every workload at {@code now}, by kind, then display name. */
    public List<WorkloadStatus> all(long now) {
        List<WorkloadStatus> out = new ArrayList<>();
        for (WorkloadObserver o : observers) {
            out.addAll(o.workloads(now));
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * Samples {@code workload_replicas_desired}, {@code workload_pods_ready} and
     * {@code workload_pods_available} (labels {@code kind=...;workload=...}) for every workload of
     * the observers added with {@link #add}.
     */
    public Gauge gauge() {
        return (now, series) -> {
            for (WorkloadObserver o : sampled) {
                for (WorkloadStatus w : o.workloads(now)) {
                    String labels = "kind=" + w.kind() + ";workload=" + w.name();
                    series.series("workload_replicas_desired", labels).record(now, w.desired());
                    series.series("workload_pods_ready", labels).record(now, w.ready());
                    series.series("workload_pods_available", labels).record(now, w.available());
                }
            }
        };
    }
}
