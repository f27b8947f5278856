package io.kubesim.traffic;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Service;
import io.kubesim.metrics.Gauge;
import io.kubesim.metrics.LatencyHistogram;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the traffic saw, whichever way it was simulated: per-Service outcomes and latencies, and
 * the outcomes of the requests that entered at entry points. Also resolves the Service names
 * that entry points and calls use.
 */
public final class TrafficLedger {
    private static final RequestCause[] CAUSES = RequestCause.values();

    private final ClusterStore store;
    private final long interval;
    private final Function<Service, String> naming;
    private final Map<String, ServiceTraffic> services = new LinkedHashMap<>();
    private final long[] entryOutcomes = new long[CAUSES.length];
    private final FluidTally entryTally = new FluidTally();
    /** Entry requests failed by a dependency, by the status their caller answered (index status - 500). */
    private final double[] dependencyStatus = new double[5];
    /** Entry requests served with a fallback after a call failed (fluid: an expected amount). */
    private double entryDegraded;
    /** Entry requests answered with another status than their cause's, moved from that status to this one. */
    private final java.util.SortedMap<Integer, Double> statusShifts = new java.util.TreeMap<>();
    private final long[] moved = new long[2];
    /** Failed requests grouped for {@code kubesim explain}; null unless decisions are recorded. */
    private FailureBursts bursts;
    private final List<IntervalLatencies> intervalListeners = new ArrayList<>();
    /** The Services in the order first seen, as the listeners read them (no copy per sample). */
    private final List<ServiceTraffic> inOrder = new ArrayList<>();
    private final List<ServiceTraffic> inOrderView = Collections.unmodifiableList(inOrder);
    /** Per pod: requests, failures and request CPU, kept after the pod is gone. */
    private final PodTally pods;

    /**
     * @param interval the sample interval: outcome counts and latency percentiles are kept per interval
     * @param naming   how a Service is named in outputs
     */
    public TrafficLedger(ClusterStore store, long interval, Function<Service, String> naming) {
        this.store = store;
        this.interval = interval;
        this.naming = naming;
        this.pods = new PodTally(store, interval);
    }

    /** Outcomes per ReplicaSet and Service over a sliding window (analyses); null unless asked for. */
    private VersionMeter versions;

    /** Keeps outcomes per ReplicaSet and per Service for windows up to {@code retentionSeconds}. */
    public void meterVersions(long retentionSeconds) {
        versions = new VersionMeter(store, retentionSeconds);
    }

    /** The per-version meter, or null when not asked for. */
    public VersionMeter versions() {
        return versions;
    }

    /** Feeds the per-version meter, when there is one. */
    void meter(String podKey, ServiceTraffic service, long time, double amount, boolean failed, long latencyMicros) {
        if (versions != null) {
            versions.record(podKey, service == null ? null : service.key(), time, amount, failed, latencyMicros);
        }
    }

    /** What each pod received, as its requests' outcomes are recorded (summary.json's per-pod counts, pods.csv). */
    public PodTally pods() {
        return pods;
    }

    public long interval() {
        return interval;
    }

    /**
     * Records failed requests as {@code RequestsFailed} decisions, one per burst
     * ({@link FailureBursts}), when {@code decisions} is enabled; call {@link #flushFailures()} at
     * the end of the run.
     */
    public void recordFailures(io.kubesim.metrics.DecisionRecorder decisions) {
        bursts = decisions.enabled() ? new FailureBursts(decisions) : null;
    }

    /** Records the bursts of failures still open (the end of the run). */
    public void flushFailures() {
        if (bursts != null) {
            bursts.flush();
        }
    }

    /**
     * {@code amount} requests of a Service failed with {@code cause} at {@code time}, on a pod
     * ({@code namespace/name}) or on none (null): charged to the pod's {@link PodTally} figures, and
     * recorded as a burst when failures are recorded.
     */
    void failed(ServiceTraffic service, String podKey, RequestCause cause, long time, double amount) {
        pods.failed(podKey, time, amount);
        if (bursts != null) {
            bursts.failed(service.key(), podKey, cause, time, amount);
        }
    }

    /**
     * As {@link #failed(ServiceTraffic, String, RequestCause, long, double)}, but only the failure
     * bursts: for a cohort of fluid pods, whose per-pod counts are charged later.
     */
    void burst(ServiceTraffic service, String podKey, RequestCause cause, long time, double amount) {
        if (bursts != null) {
            bursts.failed(service.key(), podKey, cause, time, amount);
        }
    }

    /** True when failures are grouped into bursts ({@link #recordFailures}). */
    boolean recordsBursts() {
        return bursts != null;
    }

    /** As above, for a request sent at {@code sentAt} that failed at {@code time}. */
    void failed(ServiceTraffic service, String podKey, RequestCause cause, long time, long sentAt) {
        pods.failed(podKey, time, 1);
        if (bursts != null) {
            bursts.failed(service.key(), podKey, cause, time, sentAt, 1);
        }
    }

    /** The stats of a Service ({@code namespace/name}), created on first use. */
    public ServiceTraffic stats(String serviceKey) {
        return services.computeIfAbsent(serviceKey, k -> {
            Service s = store.services().get(k);
            ServiceTraffic t = new ServiceTraffic(k, s == null ? k : naming.apply(s), interval);
            inOrder.add(t);
            return t;
        });
    }

    /** Traffic per Service, in the order Services were first seen. */
    public List<ServiceTraffic> services() {
        return Collections.unmodifiableList(new ArrayList<>(services.values()));
    }

    /**
     * The key ({@code namespace/name}) of the Service an entry point or a call names: as given
     * when qualified, else in {@code default}, else the first Service of that name.
     */
    public String serviceKey(String name) {
        if (name.contains("/")) {
            return name;
        }
        if (store.services().get("default", name) != null) {
            return "default/" + name;
        }
        for (Service s : store.services().list()) {
            if (s.name().equals(name)) {
                return s.metadata().key();
            }
        }
        return "default/" + name;
    }

    /** One request that entered at an entry point ended this way. */
    void entryOutcome(RequestCause cause) {
        entryOutcomes[cause.ordinal()]++;
    }

    /**
     * One request that entered at an entry point ended this way, its client seeing {@code status}
     * (for {@code dependency_failed}, what the failing call's edge answers); {@code degraded}: served
     * with a fallback.
     */
    void entryOutcome(RequestCause cause, int status, boolean degraded) {
        entryOutcomes[cause.ordinal()]++;
        if (cause == RequestCause.DEPENDENCY_FAILED) {
            dependencyStatus[status - 500]++;
        } else if (status != cause.status()) {
            entryStatusShift(cause.status(), status, 1); // a proxy answered otherwise (a mesh's 503), or the app
        }
        if (degraded) {
            entryDegraded++;
        }
    }

    /** Entry requests counted under their cause's status {@code from} were answered {@code to} ({@code amount} of them). */
    void entryStatusShift(int from, int to, double amount) {
        statusShifts.merge(from, -amount, Double::sum);
        statusShifts.merge(to, amount, Double::sum);
    }

    /** A fluid amount of entry requests failed by a dependency answered {@code status}, or served degraded (status 200). */
    void entryDependencyOutcome(int status, double amount) {
        if (status == 200) {
            entryDegraded += amount;
        } else {
            dependencyStatus[status - 500] += amount;
        }
    }

    /**
     * The entry requests by the status their clients saw: each cause's status, but
     * {@code dependency_failed} split as the failing calls' edges answered (fluid amounts rounded so
     * the split adds up to the cause's count). Statuses in increasing order.
     */
    public java.util.SortedMap<Integer, Long> entryStatuses() {
        java.util.SortedMap<Integer, Long> out = new java.util.TreeMap<>();
        for (RequestCause c : CAUSES) {
            long n = entryOutcomes[c.ordinal()];
            if (n > 0 && c != RequestCause.DEPENDENCY_FAILED) {
                out.merge(c.status(), n, Long::sum);
            }
        }
        for (Map.Entry<Integer, Double> e : statusShifts.entrySet()) {
            out.merge(e.getKey(), Math.round(e.getValue()), Long::sum);
        }
        out.values().removeIf(n -> n == 0);
        long dependency = entryOutcomes[RequestCause.DEPENDENCY_FAILED.ordinal()];
        double split = 0;
        for (double d : dependencyStatus) {
            split += d;
        }
        if (dependency > 0) {
            if (split <= 0) {
                out.merge(RequestCause.DEPENDENCY_FAILED.status(), dependency, Long::sum);
            } else {
                long assigned = 0;
                int largest = 0;
                long[] whole = new long[dependencyStatus.length];
                for (int i = 0; i < whole.length; i++) {
                    whole[i] = Math.round(dependency * dependencyStatus[i] / split);
                    assigned += whole[i];
                    if (dependencyStatus[i] > dependencyStatus[largest]) {
                        largest = i;
                    }
                }
                whole[largest] += dependency - assigned;
                for (int i = 0; i < whole.length; i++) {
                    if (whole[i] > 0) {
                        out.merge(500 + i, whole[i], Long::sum);
                    }
                }
            }
        }
        return out;
    }

    /** Entry requests served with a fallback after a call they needed failed (degraded), rounded. */
    public long entryDegraded() {
        return Math.round(entryDegraded);
    }

    /** A fluid amount of entry requests ended this way; whole requests count as the fractions add up. */
    void entryOutcome(RequestCause cause, double amount) {
        entryOutcomes[cause.ordinal()] += entryTally.add(cause, amount);
    }

    /** Moves a fluid amount of entry requests counted as served to {@code cause}. */
    void reclassifyEntryOutcome(RequestCause cause, double amount) {
        entryTally.reclassify(cause, amount, moved);
        entryOutcomes[cause.ordinal()] += moved[0];
        entryOutcomes[RequestCause.OK.ordinal()] += moved[1];
    }

    /** Outcomes of the requests that entered at entry points (internal calls not included), by cause. */
    public long entryRequests(RequestCause cause) {
        return entryOutcomes[cause.ordinal()];
    }

    /** Also tells {@code listener} of each interval's latencies, before they are reset. */
    public void onIntervalClosed(IntervalLatencies listener) {
        intervalListeners.add(listener);
    }

    /** Per sample interval: served-latency percentiles per Service (milliseconds). */
    public Gauge latencyGauge() {
        return (now, series) -> {
            if (now == 0) {
                return;
            }
            long start = now - interval;
            for (IntervalLatencies l : intervalListeners) {
                l.closed(start, now, inOrderView);
            }
            for (ServiceTraffic s : services.values()) {
                LatencyHistogram h = s.intervalLatency();
                if (h.count() > 0) {
                    String labels = "service=" + s.displayName();
                    series.series("service_latency_p50_ms", labels).record(start, h.percentile(50) / 1000.0);
                    series.series("service_latency_p95_ms", labels).record(start, h.percentile(95) / 1000.0);
                    series.series("service_latency_p99_ms", labels).record(start, h.percentile(99) / 1000.0);
                }
                h.reset();
            }
        };
    }

    /**
     * Writes the per-interval outcome counts of every Service up to {@code end}: requests,
     * successes, and failures per cause (only causes that occurred); and per version of workloads
     * that ran two or more ({@link PodTally#writeVersions}).
     */
    public void writeCounts(TimeSeriesStore series, long end) {
        int n = (int) Math.min(Integer.MAX_VALUE, (end + interval - 1) / interval);
        for (ServiceTraffic s : services.values()) {
            String labels = "service=" + s.displayName();
            for (int i = 0; i < n; i++) {
                long t = i * interval;
                series.series("service_requests", labels).record(t, s.requests(i));
                series.series("service_succeeded", labels).record(t, s.count(RequestCause.OK, i));
                for (RequestCause c : CAUSES) {
                    if (c != RequestCause.OK && s.count(c) > 0) {
                        series.series("service_failed", labels + ";cause=" + c.label()).record(t, s.count(c, i));
                    }
                }
            }
        }
        pods.writeVersions(series, n);
    }
}
