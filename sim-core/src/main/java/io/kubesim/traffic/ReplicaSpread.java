package io.kubesim.traffic;

import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.metrics.Gauge;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * How evenly each workload's replicas share its load. At every sample it takes, for each
 * workload, the pods that served through the whole interval just ended: Running and Ready since
 * before the interval began, not being deleted, and serving in the traffic model at both ends. With
 * at least two such pods and some requests offered to them, the interval's spread is the
 * coefficient of variation (population standard deviation / mean) of the requests offered to each
 * of them in the interval, and likewise of the CPU time their requests used (when requests cost
 * CPU). Intervals that do not qualify (one replica, a pod starting or stopping, no traffic) are
 * left out, so rollouts and scale-ups do not count a pod's partial interval as imbalance; a Ready
 * pod that the balancers do not route to yet does count, as it does on a real cluster. Per
 * workload it keeps the mean and the worst of the intervals' spreads.
 *
 * <p>Example: four pods offered 30, 30, 30 and 10 requests: mean 25, population standard
 * deviation √((3·5² + 15²)/4) = 8.66, spread 0.35.
 */
public final class ReplicaSpread implements Gauge {
    private final TrafficModel traffic;
    private final PodTally tally;
    private final long interval;
    /** This interval's loads per workload, reused from sample to sample. */
    private final Map<String, Loads> current = new TreeMap<>();
    private final Map<String, Totals> byWorkload = new TreeMap<>();
    private final double[] delta = new double[2];

    /** A workload's spread over the run; means and maxima are NaN without a qualifying interval. */
    public record Spread(int intervals, double requestsMean, double requestsMax, int cpuIntervals, double cpuMean,
                         double cpuMax) {
    }

    public ReplicaSpread(TrafficModel traffic, long interval) {
        this.traffic = traffic;
        this.tally = traffic.ledger().pods();
        this.interval = interval;
    }

    @Override
    public void sample(long now, TimeSeriesStore series) {
        traffic.settle();
        long start = now - interval;
        traffic.visitLoad((pod, target, model, cpu, offered, held) -> {
            long previous = tally.observe(pod, cpu, offered, now, true, delta);
            if (now == 0 || previous != start || !servedThroughout(pod, start)) {
                return;
            }
            String workload = tally.workloadOf(pod);
            if (workload != null) {
                current.computeIfAbsent(workload, k -> new Loads()).add(delta[1], delta[0], model.cpuPerRequest() > 0);
            }
        });
        for (Map.Entry<String, Loads> e : current.entrySet()) {
            Loads l = e.getValue();
            if (l.n >= 2) {
                Totals t = byWorkload.computeIfAbsent(e.getKey(), k -> new Totals());
                t.requests.add(variation(l.requests, l.n));
                if (l.cpuCost) {
                    t.cpu.add(variation(l.cpu, l.n));
                }
            }
            l.n = 0;
            l.cpuCost = false;
        }
    }

    /** Running and Ready since {@code start} or before, and not being deleted. */
    private static boolean servedThroughout(Pod pod, long start) {
        return pod.phase() == PodPhase.RUNNING && pod.isReady() && pod.readyCondition().lastTransitionTime() <= start
                && !pod.metadata().isDeleting();
    }

    /** Population standard deviation / mean; NaN when the mean is not positive. */
    static double variation(double[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        double mean = sum / n;
        if (!(mean > 0)) {
            return Double.NaN;
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / n) / mean;
    }

    /** The spread of a workload ({@code kind/name}) over the run; null when it never had two pods serving an interval. */
    public Spread of(String workload) {
        Totals t = byWorkload.get(workload);
        return t == null ? null : new Spread(t.requests.count, t.requests.mean(), t.requests.max, t.cpu.count,
                t.cpu.mean(), t.cpu.max);
    }

    /** One interval's loads of one workload's pods. */
    private static final class Loads {
        double[] requests = new double[4];
        double[] cpu = new double[4];
        int n;
        boolean cpuCost;

        void add(double offered, double cpuMicros, boolean costsCpu) {
            if (n == requests.length) {
                requests = Arrays.copyOf(requests, n * 2);
                cpu = Arrays.copyOf(cpu, n * 2);
            }
            requests[n] = offered;
            cpu[n++] = cpuMicros;
            cpuCost |= costsCpu;
        }
    }

    /** The intervals' spreads of one figure: how many, their sum and the worst. */
    private static final class Figure {
        int count;
        double sum;
        double max = Double.NaN;

        void add(double v) {
            if (Double.isNaN(v)) {
                return; // no requests (or no CPU) in the interval: not an interval of this figure
            }
            count++;
            sum += v;
            max = Double.isNaN(max) ? v : Math.max(max, v);
        }

        double mean() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    private static final class Totals {
        final Figure requests = new Figure();
        final Figure cpu = new Figure();
    }
}
