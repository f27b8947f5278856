package io.kubesim.sim;

import io.kubesim.metrics.WorkloadStatus;
import io.kubesim.traffic.PodTally;
import io.kubesim.traffic.PodTraffic;
import io.kubesim.traffic.ReplicaSpread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * summary.json's per-workload traffic figures, added after each workload's own fields (its
 * {@link WorkloadStatus#extra()}): {@code pods}, what each of its pods received (requests,
 * failed, CPU seconds of its requests; pods deleted before the end included), and
 * {@code spread}, how evenly its replicas shared the load ({@link ReplicaSpread}). Only for
 * workloads whose pods had traffic, so other workloads keep their fields.
 */
final class WorkloadTraffic {
    private WorkloadTraffic() {
    }

    static List<WorkloadStatus> add(List<WorkloadStatus> all, PodTally tally, ReplicaSpread spread) {
        Map<String, List<PodTraffic>> byWorkload = new LinkedHashMap<>();
        for (PodTraffic p : tally.pods()) {
            if (p.workload() != null) {
                byWorkload.computeIfAbsent(p.workload(), k -> new ArrayList<>()).add(p);
            }
        }
        List<WorkloadStatus> out = new ArrayList<>(all.size());
        for (WorkloadStatus w : all) {
            List<PodTraffic> pods = byWorkload.get(w.key());
            if (pods == null || pods.stream().noneMatch(WorkloadTraffic::hadTraffic)) {
                out.add(w);
                continue;
            }
            Map<String, Object> extra = new LinkedHashMap<>(w.extra());
            extra.put("pods", pods(pods));
            Map<String, Object> versions = versions(pods);
            if (versions.size() > 1) {
                extra.put("versions", versions); // only when two versions took traffic: a release's what-if
            }
            extra.put("spread", spread(spread.of(w.key())));
            out.add(new WorkloadStatus(w.kind(), w.name(), w.desired(), w.ready(), w.available(), w.minAvailable(),
                    w.rollouts(), extra, w.belowDesired()));
        }
        return out;
    }

    private static boolean hadTraffic(PodTraffic p) {
        return p.requests() > 0 || p.cpuMicros() > 0;
    }

    /** Per pod by name: requests, failed, CPU seconds (fluid amounts to three decimals). */
    private static Map<String, Object> pods(List<PodTraffic> pods) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (PodTraffic p : pods) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", round(p.requests(), 1e3));
            m.put("failed", round(p.failed(), 1e3));
            m.put("cpuSeconds", round(p.cpuMicros() / 1e6, 1e3));
            out.put(p.podName(), m);
        }
        return out;
    }

    /** Per version (ReplicaSet, or revision hash), in name order: its image and its pods' requests and failures. */
    private static Map<String, Object> versions(List<PodTraffic> pods) {
        Map<String, double[]> counts = new java.util.TreeMap<>();
        Map<String, String> images = new java.util.TreeMap<>();
        for (PodTraffic p : pods) {
            if (p.version() == null || p.requests() <= 0) {
                continue;
            }
            double[] c = counts.computeIfAbsent(p.version(), k -> new double[2]);
            c[0] += p.requests();
            c[1] += p.failed();
            if (p.image() != null) {
                images.putIfAbsent(p.version(), p.image());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : counts.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", images.get(e.getKey()));
            m.put("requests", round(e.getValue()[0], 1e3));
            m.put("failed", round(e.getValue()[1], 1e3));
            out.put(e.getKey(), m);
        }
        return out;
    }

    /** {intervals, requests {mean, max}, cpu {mean, max}}: null for a figure without a qualifying interval. */
    private static Map<String, Object> spread(ReplicaSpread.Spread s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intervals", s == null ? 0 : s.intervals());
        m.put("requests", s == null || s.intervals() == 0 ? null : meanMax(s.requestsMean(), s.requestsMax()));
        m.put("cpu", s == null || s.cpuIntervals() == 0 ? null : meanMax(s.cpuMean(), s.cpuMax()));
        return m;
    }

    private static Map<String, Object> meanMax(double mean, double max) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", round(mean, 1e4));
        m.put("max", round(max, 1e4));
        return m;
    }

    private static Double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
