package io.kubesim.traffic;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The traffic each pod received over the run, kept after the pod is gone: the requests whose
 * outcome was recorded against it (counted as its Service counts them, at the time the client
 * saw the outcome), those of them that failed (charged to it as {@link TrafficLedger#failed}
 * charges failures), and the CPU time its requests used (the traffic model's own figure, the one
 * behind {@code workload_request_cpu_cores}). Pods are kept by {@code namespace/name}: a
 * StatefulSet pod recreated under its name adds to the same figures, as failures are charged.
 *
 * <p>With {@link #recordIntervals()} it also keeps each pod's figures per sample interval, from
 * its first interval with traffic to its last (the rows of {@code pods.csv}); that costs memory
 * in proportion to pods × intervals, so it is off unless asked for.
 */
public final class PodTally {
    private static final Comparator<PodTraffic> ORDER =
            Comparator.comparing(PodTraffic::workloadOrEmpty).thenComparing(PodTraffic::name)
                    .thenComparing(PodTraffic::key);

    private final ClusterStore store;
    private final long interval;
    /** By {@code namespace/name}; lookups only, outputs are sorted. */
    private final Map<String, PodTraffic> byKey = new HashMap<>();
    /** By uid: CPU and offered requests at the last observation, and its time (lookups only). */
    private final Map<String, double[]> lastLoad = new HashMap<>();
    private Function<Pod, String> workloadOf = p -> null;
    private BinaryOperator<String> naming = (namespace, name) -> name;
    private boolean perInterval;

    PodTally(ClusterStore store, long interval) {
        this.store = store;
        this.interval = interval;
    }

    /**
     * How pods are grouped and named in outputs.
     *
     * @param workloadOf the {@code kind/name} of a pod's workload, as summary.json's {@code workloads}
     *                   keys it; null for a pod without one (it is then listed under no workload)
     * @param naming     the output name of a pod from its namespace and name
     */
    public void describe(Function<Pod, String> workloadOf, BinaryOperator<String> naming) {
        this.workloadOf = workloadOf;
        this.naming = naming;
    }

    /** Also keeps every pod's figures per sample interval ({@link PodTraffic#requests(int)} ...); call before the run. */
    public void recordIntervals() {
        perInterval = true;
    }

    public boolean recordsIntervals() {
        return perInterval;
    }

    /** The sample interval the per-interval figures are kept in. */
    public long interval() {
        return interval;
    }

    /** {@code amount} requests sent to the pod {@code podKey} (or to none: null) ended at {@code time}. */
    void routed(String podKey, long time, double amount) {
        if (podKey != null && amount > 0) {
            entry(podKey, null).add(PodTraffic.REQUESTS, index(time), amount, perInterval);
        }
    }

    /** The counts of the pod {@code podKey}, made on first use as {@link #routed} makes them. */
    PodTraffic entry(String podKey) {
        return entry(podKey, null);
    }

    /** As {@link #routed(String, long, double)}, for a pod's counts already looked up ({@code amount > 0}). */
    void routed(PodTraffic pod, long time, double amount) {
        pod.add(PodTraffic.REQUESTS, index(time), amount, perInterval);
    }

    /** As {@link #failed(String, long, double)}, for a pod's counts already looked up ({@code amount > 0}). */
    void failed(PodTraffic pod, long time, double amount) {
        pod.add(PodTraffic.FAILED, index(time), amount, perInterval);
    }

    /** {@code amount} of the requests counted by {@link #routed} failed, charged to {@code podKey} (or none). */
    void failed(String podKey, long time, double amount) {
        if (podKey != null && amount > 0) {
            entry(podKey, null).add(PodTraffic.FAILED, index(time), amount, perInterval);
        }
    }

    /**
     * A serving pod's load as the traffic model reports it at {@code now}: its requests' CPU time
     * and the requests offered to it, both since it first served. Charges the CPU used since the
     * previous observation to the interval ending now and returns, in {@code delta}, that CPU
     * (index 0) and the requests offered meanwhile (index 1).
     *
     * @param sample true at a sample instant (the only observations {@link #observedAt} reports)
     * @return the time of the previous sample observation of this pod, -1 if none
     */
    long observe(Pod pod, double cpuMicros, double offered, long now, boolean sample, double[] delta) {
        String uid = pod.metadata().uid();
        double[] last = lastLoad.get(uid);
        if (last == null) {
            last = new double[] {0, 0, -1};
            lastLoad.put(uid, last);
        }
        delta[0] = Math.max(0, cpuMicros - last[0]);
        delta[1] = Math.max(0, offered - last[1]);
        long previous = (long) last[2];
        last[0] = cpuMicros;
        last[1] = offered;
        if (sample) {
            last[2] = now;
        }
        if (delta[0] > 0) {
            entry(pod.metadata().key(), pod).add(PodTraffic.CPU, index(now - 1), delta[0], perInterval);
        }
        return previous;
    }

    /**
     * The traffic model dropped a deleted pod's application: the CPU its requests used since the
     * last observation is charged now, before the model forgets it.
     */
    void retired(Pod pod, double cpuMicros, long now) {
        double[] last = lastLoad.remove(pod.metadata().uid());
        double used = cpuMicros - (last == null ? 0 : last[0]);
        if (used > 0) {
            entry(pod.metadata().key(), pod).add(PodTraffic.CPU, index(now - 1), used, perInterval);
        }
    }

    /** Charges the CPU used up to {@code now} by every pod the model still serves (the end of the run). */
    public void settle(TrafficModel traffic, long now) {
        double[] delta = new double[2];
        traffic.settle();
        traffic.visitLoad((pod, target, model, cpu, offered, held) -> observe(pod, cpu, offered, now, false, delta));
    }

    /** The workload key ({@code kind/name}) of a pod with traffic, or null. */
    String workloadOf(Pod pod) {
        return entry(pod.metadata().key(), pod).workload();
    }

    /** Every pod that received traffic, by workload key (pods of no workload first), then pod name. */
    public List<PodTraffic> pods() {
        List<PodTraffic> out = new ArrayList<>(byKey.values());
        out.sort(ORDER);
        return out;
    }

    int index(long time) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, time) / interval);
    }

    /**
     * One version of a workload (a ReplicaSet, a revision): its requests and failures per sample
     * interval, for the {@code version_requests} and {@code version_failed} series.
     */
    static final class VersionCounts {
        final String workload;
        final String version;
        private double[][] perInterval = new double[2][8];

        VersionCounts(String workload, String version) {
            this.workload = workload;
            this.version = version;
        }

        void add(int figure, int interval, double amount) {
            if (interval >= perInterval[0].length) {
                int size = Math.max(interval + 1, perInterval[0].length * 2);
                perInterval = new double[][] {java.util.Arrays.copyOf(perInterval[0], size),
                        java.util.Arrays.copyOf(perInterval[1], size)};
            }
            perInterval[figure][interval] += amount;
        }

        double at(int figure, int interval) {
            return interval < perInterval[figure].length ? perInterval[figure][interval] : 0;
        }
    }

    /** By workload and version; written sorted. */
    private final Map<String, VersionCounts> versions = new HashMap<>();

    /**
     * Writes {@code version_requests} and {@code version_failed} per interval for every workload
     * whose requests went to two versions or more (a release's what-if), labelled
     * {@code workload=KIND/NAME;version=REPLICASET}.
     */
    void writeVersions(io.kubesim.metrics.TimeSeriesStore series, int intervals) {
        Map<String, List<VersionCounts>> byWorkload = new java.util.TreeMap<>();
        for (VersionCounts v : versions.values()) {
            byWorkload.computeIfAbsent(v.workload, k -> new ArrayList<>()).add(v);
        }
        for (List<VersionCounts> list : byWorkload.values()) {
            if (list.size() < 2) {
                continue;
            }
            list.sort(Comparator.comparing((VersionCounts v) -> v.version));
            for (VersionCounts v : list) {
                String labels = "workload=" + v.workload + ";version=" + v.version;
                for (int i = 0; i < intervals; i++) {
                    long t = i * interval;
                    series.series("version_requests", labels).record(t, v.at(PodTraffic.REQUESTS, i));
                    series.series("version_failed", labels).record(t, v.at(PodTraffic.FAILED, i));
                }
            }
        }
    }

    private void countVersion(PodTraffic t) {
        if (!t.countsVersion() && t.workload() != null && t.version() != null) {
            t.countVersionIn(versions.computeIfAbsent(t.workload() + "\n" + t.version(),
                    k -> new VersionCounts(t.workload(), t.version())));
        }
    }

    private PodTraffic entry(String podKey, Pod pod) {
        PodTraffic t = byKey.get(podKey);
        if (t == null) {
            Pod p = pod != null ? pod : store.pods().get(podKey);
            int slash = podKey.indexOf('/');
            String namespace = slash < 0 ? "" : podKey.substring(0, slash);
            String name = podKey.substring(slash + 1);
            t = new PodTraffic(podKey, name, naming.apply(namespace, name), p == null ? null : workloadOf.apply(p));
            if (p != null) {
                t.setVersion(versionOf(p), p.spec().containers().isEmpty() ? null : p.spec().containers().get(0).image());
                countVersion(t);
            }
            byKey.put(podKey, t);
        } else if (t.workload() == null && pod != null) {
            t.setWorkload(workloadOf.apply(pod));
            t.setVersion(versionOf(pod), pod.spec().containers().isEmpty() ? null : pod.spec().containers().get(0).image());
            countVersion(t);
        }
        return t;
    }

    /** A pod's version of its workload: its controller-revision-hash label, else its owner's name. */
    private static String versionOf(Pod pod) {
        String hash = pod.metadata().labels().get("controller-revision-hash");
        if (hash != null) {
            return hash;
        }
        io.kubesim.cluster.OwnerReference owner = pod.metadata().owner();
        return owner == null ? null : owner.name();
    }
}
