package io.kubesim.traffic;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import java.util.HashMap;
import java.util.Map;

/**
 * Request outcomes per ReplicaSet (a version of a workload) and per Service over a sliding
 * window, for what an analysis asks ("the canary's error ratio over the last minute", "its p99"):
 * per second of virtual time, the requests, the failed ones, and (exact mode) a histogram of
 * latencies in 5 % wide log buckets. Kept only for the retention asked for; memory is per key
 * and per second of retention, not per request. Lookups only, never iterated.
 */
public final class VersionMeter {
    private static final double BUCKET_GROWTH = 1.05;
    private static final double LOG_GROWTH = Math.log(BUCKET_GROWTH);
    private static final int BUCKETS = 440; // 1.05^440 us is beyond any timeout
    private static final long SECOND = 1_000_000;

    private final ClusterStore store;
    private final int seconds;
    /** Per ReplicaSet ({@code namespace/name}). */
    private final Map<String, Window> byKey = new HashMap<>();
    /** Per Service ({@code namespace/name}), apart so that a request's lookup builds no key. */
    private final Map<String, Window> byService = new HashMap<>();
    /** A pod's ReplicaSet key ({@code namespace/name}), remembered while it served; "" for none. */
    private final Map<String, String> versionOf = new HashMap<>();

    /** @param retentionSeconds the longest window that will be asked for */
    public VersionMeter(ClusterStore store, long retentionSeconds) {
        this.store = store;
        this.seconds = (int) Math.max(1, retentionSeconds) + 1;
    }

    /**
     * {@code amount} requests ended at {@code time}: served by {@code podKey} (or none) for the
     * Service {@code serviceKey}, failed or not, with their latency (-1 when not known).
     */
    void record(String podKey, String serviceKey, long time, double amount, boolean failed, long latencyMicros) {
        if (amount <= 0) {
            return;
        }
        if (podKey != null) {
            String version = versionOf.computeIfAbsent(podKey, this::replicaSetOf);
            if (!version.isEmpty()) {
                window(version).add(time, amount, failed, latencyMicros);
            }
        }
        if (serviceKey != null) {
            byService.computeIfAbsent(serviceKey, k -> new Window(seconds)).add(time, amount, failed, latencyMicros);
        }
    }

    private String replicaSetOf(String podKey) {
        Pod pod = store.pods().get(podKey);
        OwnerReference o = pod == null ? null : pod.metadata().owner();
        return o == null ? "" : pod.namespace() + "/" + o.name();
    }

    private Window window(String key) {
        return byKey.computeIfAbsent(key, k -> new Window(seconds));
    }

    /** Requests, failed requests and the latency quantile over (now - window, now] for a ReplicaSet. */
    public Stats replicaSet(String namespace, String name, long now, long window) {
        Window w = byKey.get(namespace + "/" + name);
        return w == null ? Stats.EMPTY : w.stats(now, window);
    }

    /** The same for a Service ({@code namespace/name}). */
    public Stats service(String serviceKey, long now, long window) {
        Window w = byService.get(serviceKey);
        return w == null ? Stats.EMPTY : w.stats(now, window);
    }

    /** What a window holds. */
    public static final class Stats {
        static final Stats EMPTY = new Stats(0, 0, new long[0], 0);
        private final double requests;
        private final double failed;
        private final long[] histogram;
        private final long measured;

        Stats(double requests, double failed, long[] histogram, long measured) {
            this.requests = requests;
            this.failed = failed;
            this.histogram = histogram;
            this.measured = measured;
        }

        public double requests() {
            return requests;
        }

        public double failed() {
            return failed;
        }

        /** The latency at quantile q in microseconds (the bucket's middle), NaN without latencies. */
        public double latencyQuantile(double q) {
            if (measured == 0) {
                return Double.NaN;
            }
            double rank = q * measured;
            long seen = 0;
            for (int i = 0; i < histogram.length; i++) {
                seen += histogram[i];
                if (seen >= rank && histogram[i] > 0) {
                    return Math.pow(BUCKET_GROWTH, i + 0.5);
                }
            }
            return Math.pow(BUCKET_GROWTH, histogram.length);
        }
    }

    /** A ring of per-second buckets. */
    private static final class Window {
        final long[] second;
        final double[] requests;
        final double[] failed;
        final int[][] latencies;

        Window(int seconds) {
            second = new long[seconds];
            java.util.Arrays.fill(second, -1);
            requests = new double[seconds];
            failed = new double[seconds];
            latencies = new int[seconds][];
        }

        void add(long time, double amount, boolean fail, long latencyMicros) {
            long s = time / SECOND;
            int i = (int) (s % second.length);
            if (second[i] != s) {
                second[i] = s;
                requests[i] = 0;
                failed[i] = 0;
                latencies[i] = null;
            }
            requests[i] += amount;
            if (fail) {
                failed[i] += amount;
            }
            if (latencyMicros >= 0) {
                if (latencies[i] == null) {
                    latencies[i] = new int[BUCKETS];
                }
                int b = (int) Math.min(BUCKETS - 1, Math.floor(Math.log(Math.max(1, latencyMicros)) / LOG_GROWTH));
                latencies[i][b]++;
            }
        }

        Stats stats(long now, long window) {
            long last = (now - 1) / SECOND;
            long first = Math.max(0, (now - window) / SECOND);
            double req = 0;
            double fail = 0;
            long[] hist = new long[BUCKETS];
            long measured = 0;
            for (long s = Math.max(first, last - second.length + 1); s <= last; s++) {
                int i = (int) (s % second.length);
                if (second[i] != s) {
                    continue;
                }
                req += requests[i];
                fail += failed[i];
                if (latencies[i] != null) {
                    for (int b = 0; b < BUCKETS; b++) {
                        hist[b] += latencies[i][b];
                        measured += latencies[i][b];
                    }
                }
            }
            return new Stats(req, fail, hist, measured);
        }
    }
}
