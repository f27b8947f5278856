package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.LatencyHistogram;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.sim.ActionWindow;
import io.kubesim.sim.SimulationResult;
import io.kubesim.traffic.Outage;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * summary.json's attribution: {@code actions} (each timeline action's window and what went wrong
 * inside it), {@code startup} (each Service's requests until its first ready endpoint reached the
 * balancers, or until the scenario's {@code warmup} ended if later) and {@code baseline}
 * (everything else, outside every window). Costs are read from what the run recorded per sample
 * interval: an interval belongs to a window when it overlaps it, to startup while its Service is
 * starting (startup comes first). Latency percentiles come from the histograms the run merged
 * by the same rule ({@code SimulationResult.latencies()}, {@code ActionWindow.latencies()}).
 */
final class ActionsReport {
    private final SimulationResult r;
    private final long runEnd;
    private final long interval;

    ActionsReport(SimulationResult r) {
        this.r = r;
        this.runEnd = r.simulatedMicros();
        this.interval = interval(r);
    }

    /** {@code actions}: one entry per timeline action, in play order. */
    List<Object> actions() {
        List<Object> out = new ArrayList<>();
        for (ActionWindow w : r.actions()) {
            long end = w.endOr(runEnd);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", w.kind());
            m.put("target", w.target());
            m.put("start", seconds(w.start()));
            m.put("end", w.settled() ? seconds(w.end()) : null);
            m.put("seconds", w.settled() ? seconds(w.end() - w.start()) : null);
            requests(m, i -> !inStartup(i.service, i.index) && overlaps(i.index, w.start(), end));
            m.put("p99Ms", p99(w.latencies()));
            m.put("peakP99Ms", peakP99(w.start(), end));
            m.put("outageSeconds", outageSeconds(w.start(), end));
            m.put("workloads", new BelowDesiredInWindow(r.series()).between(w.start(), end));
            m.put("evictions", w.evictions());
            m.put("pendingPodSeconds", Json.number(pendingPodSeconds(w.start(), end)));
            out.add(m);
        }
        return out;
    }

    /**
     * {@code startup}: the scenario's {@code warmupSeconds}, then the requests to each Service
     * during its startup (see {@link #startupIntervals}), summed and {@code byService}.
     */
    Map<String, Object> startup() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warmupSeconds", seconds(r.warmup()));
        requests(m, i -> inStartup(i.service, i.index));
        m.put("p99Ms", p99(r.latencies().startup()));
        m.put("byService", startupByService());
        return m;
    }

    /**
     * Per Service with a startup, in traffic order: {@code until} (when its startup ended, in
     * seconds), and its {@code requests} and {@code failed} until then, the per-Service counts
     * that per-Service gates leave out.
     */
    private Map<String, Object> startupByService() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ServiceTraffic t : r.traffic()) {
            int until = startupIntervals(t);
            if (until == 0) {
                continue;
            }
            long requests = 0;
            long succeeded = 0;
            for (int i = 0; i < Math.min(until, t.intervals()); i++) {
                requests += t.requests(i);
                succeeded += t.count(RequestCause.OK, i);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("until", seconds(Math.min(runEnd, until * interval)));
            s.put("requests", requests);
            s.put("failed", requests - succeeded);
            out.put(t.displayName(), s);
        }
        return out;
    }

    /** {@code baseline}: requests outside startup and outside every action's window. */
    Map<String, Object> baseline() {
        Map<String, Object> m = new LinkedHashMap<>();
        requests(m, i -> !inStartup(i.service, i.index) && !inAnyWindow(i.index));
        m.put("p99Ms", p99(r.latencies().baseline()));
        return m;
    }

    /** One interval of one Service. */
    private record Slot(ServiceTraffic service, int index) {
    }

    private interface SlotFilter {
        boolean test(Slot s);
    }

    /**
     * {@code requests}, {@code failed} and {@code failedByService} {svc: {failed, byCause}} over the
     * chosen intervals, summed over the Services (a request counts at each Service it reached).
     */
    private void requests(Map<String, Object> m, SlotFilter filter) {
        long requests = 0;
        long failed = 0;
        Map<String, Object> byService = new LinkedHashMap<>();
        for (ServiceTraffic t : r.traffic()) {
            long[] byCause = new long[RequestCause.values().length];
            long serviceFailed = 0;
            int n = Math.max(t.intervals(), 0);
            for (int i = 0; i < n; i++) {
                if (!filter.test(new Slot(t, i))) {
                    continue;
                }
                requests += t.requests(i);
                for (RequestCause c : RequestCause.values()) {
                    if (c != RequestCause.OK) {
                        long k = t.count(c, i);
                        byCause[c.ordinal()] += k;
                        serviceFailed += k;
                    }
                }
            }
            failed += serviceFailed;
            if (serviceFailed > 0) {
                Map<String, Object> causes = new LinkedHashMap<>();
                for (RequestCause c : RequestCause.values()) {
                    if (byCause[c.ordinal()] > 0) {
                        causes.put(c.label(), byCause[c.ordinal()]);
                    }
                }
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("failed", serviceFailed);
                s.put("byCause", causes);
                byService.put(t.displayName(), s);
            }
        }
        m.put("requests", requests);
        m.put("failed", failed);
        m.put("failedByService", byService);
    }

    private boolean overlaps(int index, long start, long end) {
        long from = index * interval;
        return from + interval > start && from < end;
    }

    private boolean inAnyWindow(int index) {
        for (ActionWindow w : r.actions()) {
            if (overlaps(index, w.start(), w.endOr(runEnd))) {
                return true;
            }
        }
        return false;
    }

    private boolean inStartup(ServiceTraffic t, int index) {
        return index < startupIntervals(t);
    }

    /** Each Service's startup intervals (the warm-up, or its cold start if longer). */
    private io.kubesim.sim.ServiceStartup startup;

    private int startupIntervals(ServiceTraffic t) {
        if (startup == null) {
            startup = new io.kubesim.sim.ServiceStartup(r, interval);
        }
        return startup.intervals(t);
    }


    /** Per Service that served requests there, in traffic order, the p99 of the latencies of all of them. */
    private Map<String, Object> p99(Map<String, LatencyHistogram> latencies) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ServiceTraffic t : r.traffic()) {
            LatencyHistogram h = latencies.get(t.displayName());
            if (h != null && !h.isEmpty()) {
                out.put(t.displayName(), Json.number(Math.round(h.percentile(99) / 10.0) / 100.0));
            }
        }
        return out;
    }

    /** Per Service with served requests in the window, the highest per-interval p99 sampled in it. */
    private Map<String, Object> peakP99(long start, long end) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ServiceTraffic t : r.traffic()) {
            TimeSeries p99 = r.series().find("service_latency_p99_ms", "service=" + t.displayName());
            if (p99 == null) {
                continue;
            }
            double peak = -1;
            for (int i = 0; i < p99.size(); i++) {
                if (p99.timeAt(i) >= start && p99.timeAt(i) <= end) {
                    peak = Math.max(peak, p99.valueAt(i));
                }
            }
            if (peak >= 0) {
                out.put(t.displayName(), Json.number(peak));
            }
        }
        return out;
    }

    /** Per Service out in the window, the seconds of its outages inside it. */
    private Map<String, Object> outageSeconds(long start, long end) {
        Map<String, Long> micros = new LinkedHashMap<>();
        for (Outage o : r.outages()) {
            long overlap = Math.min(end, o.end()) - Math.max(start, o.start());
            if (overlap > 0) {
                micros.merge(o.service(), overlap, Long::sum);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        micros.forEach((s, m) -> out.put(s, seconds(m)));
        return out;
    }

    /** Pod-seconds spent Pending in the window: each {@code cluster_pods_pending} sample times its interval. */
    private double pendingPodSeconds(long start, long end) {
        TimeSeries pending = r.series().find("cluster_pods_pending", "");
        if (pending == null) {
            return 0;
        }
        double podMicros = 0;
        for (int i = 0; i < pending.size(); i++) {
            long from = Math.max(start, pending.timeAt(i));
            long to = Math.min(end, i + 1 < pending.size() ? pending.timeAt(i + 1) : runEnd);
            if (to > from) {
                podMicros += pending.valueAt(i) * (to - from);
            }
        }
        return Math.round(podMicros / 10_000.0) / 100.0;
    }

    private static Number seconds(long micros) {
        return Json.number(SimTime.toSeconds(micros));
    }

    /** The sample interval: the traffic's, else the spacing of the cluster samples, else 1 s. */
    private static long interval(SimulationResult r) {
        for (ServiceTraffic t : r.traffic()) {
            return t.interval();
        }
        TimeSeries pending = r.series().find("cluster_pods_pending", "");
        if (pending != null && pending.size() > 1) {
            return pending.timeAt(1) - pending.timeAt(0);
        }
        return 1_000_000L;
    }
}
