package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per workload, from the sampled {@code deployment_pods_available}/{@code deployment_replicas_desired}
 * and {@code workload_pods_available}/{@code workload_replicas_desired} series: the fewest available
 * pods in a window and the seconds it spent below desired there, counting only after the workload
 * was first fully available (as summary.json's {@code secondsBelowDesired}). The resolution is the
 * sample interval. Only workloads that were below desired in the window are listed, by key.
 */
final class BelowDesiredInWindow {
    private final TimeSeriesStore series;

    BelowDesiredInWindow(TimeSeriesStore series) {
        this.series = series;
    }

    /** {@code kind/name -> {minAvailable, secondsBelowDesired}} for the window [start, end). */
    Map<String, Object> between(long start, long end) {
        Map<String, Object> out = new TreeMap<>();
        for (TimeSeries available : series.all()) {
            String key;
            TimeSeries desired;
            if (available.name().equals("deployment_pods_available")) {
                key = "Deployment/" + available.labels().substring("deployment=".length());
                desired = series.find("deployment_replicas_desired", available.labels());
            } else if (available.name().equals("workload_pods_available")) {
                String[] kw = available.labels().split(";", 2);
                key = kw[0].substring("kind=".length()) + "/" + kw[1].substring("workload=".length());
                desired = series.find("workload_replicas_desired", available.labels());
            } else {
                continue;
            }
            if (desired == null) {
                continue;
            }
            Map<String, Object> m = inWindow(available, desired, start, end);
            if (m != null) {
                out.put(key, m);
            }
        }
        return out;
    }

    private static Map<String, Object> inWindow(TimeSeries available, TimeSeries desired, long start, long end) {
        boolean fullyAvailable = false;
        int min = Integer.MAX_VALUE;
        long below = 0;
        int n = Math.min(available.size(), desired.size());
        for (int i = 0; i < n; i++) {
            int a = (int) available.valueAt(i);
            int d = (int) desired.valueAt(i);
            long t = available.timeAt(i);
            fullyAvailable |= d > 0 && a >= d;
            if (!fullyAvailable || a >= d) {
                continue;
            }
            long next = i + 1 < n ? available.timeAt(i + 1) : t;
            long from = Math.max(start, t);
            long to = Math.min(end, next);
            if (to > from || (t >= start && t < end)) {
                min = Math.min(min, a);
                below += Math.max(0, to - from);
            }
        }
        if (min == Integer.MAX_VALUE && below == 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("minAvailable", min == Integer.MAX_VALUE ? null : min);
        m.put("secondsBelowDesired", Json.number(SimTime.toSeconds(below)));
        return m;
    }
}
