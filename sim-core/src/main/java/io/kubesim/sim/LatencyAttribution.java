package io.kubesim.sim;

import io.kubesim.metrics.LatencyHistogram;
import io.kubesim.metrics.ServiceEndpointsGauge;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.metrics.TimeSeriesStore;
import io.kubesim.traffic.IntervalLatencies;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes each closed sample interval's served latencies the way summary.json attributes
 * request counts, so that {@code p99Ms} of an action, of {@code startup} and of {@code baseline}
 * is the percentile of every request served there, without keeping a histogram per interval.
 * Per Service, an interval is, in this order of precedence:
 * <ol>
 *   <li>startup: it begins before the scenario's {@code warmup} ends, or lies before the Service's
 *   first ready endpoint (the {@code service_endpoints_ready} samples), or after it while requests
 *   still fail with {@code no_endpoints} (balancers still learning of it) and no interval since
 *   was free of them. Intervals before a first ready endpoint are held until one comes; a Service
 *   that never has one has no startup, and those (normally empty) intervals go to the baseline;</li>
 *   <li>in each action window it overlaps: the window began before the interval's end and had not
 *   settled before its start;</li>
 *   <li>baseline otherwise.</li>
 * </ol>
 * A window may be stretched at the end of the run over an outage that began inside it
 * ({@link ActionSettling#coverOutages}); so after it settles, the following intervals are kept
 * apart, one by one, until one in which no Service failed a request (an outage is a run of
 * intervals with failing requests, or without a ready endpoint, where the requests that come
 * fail); {@link #finish()} then gives each to the window if its final end covers it, else to the
 * baseline. Everything after startup is also merged per Service (what latency gates measure).
 */
final class LatencyAttribution implements IntervalLatencies {
    private final List<ActionWindow> windows;
    private final TimeSeriesStore series;
    private final long warmup;
    private final Map<String, ColdStart> coldStarts = new LinkedHashMap<>();
    private final Map<String, LatencyHistogram> startup = new LinkedHashMap<>();
    private final Map<String, LatencyHistogram> baseline = new LinkedHashMap<>();
    private final Map<String, LatencyHistogram> afterStartup = new LinkedHashMap<>();
    /** Latencies before a Service's first ready endpoint, until it has one. */
    private final Map<String, LatencyHistogram> beforeReady = new LinkedHashMap<>();
    /** Baseline intervals unless a window is stretched over them: start and per-Service latencies. */
    private final List<HeldInterval> held = new ArrayList<>();
    /** The windows the interval being closed is in, and those it may stretch into (reused each sample). */
    private final List<ActionWindow> in = new ArrayList<>();
    private final List<ActionWindow> inTail = new ArrayList<>();
    private AttributedLatencies finished;

    private record HeldInterval(long start, long end, Map<String, LatencyHistogram> latency) {
    }

    /**
     * @param windows every action window, in play order, as the timeline opens them (a live view)
     * @param series  where {@link ServiceEndpointsGauge} samples the ready endpoints
     * @param warmup  the scenario's warm-up, in microseconds
     */
    LatencyAttribution(List<ActionWindow> windows, TimeSeriesStore series, long warmup) {
        this.windows = windows;
        this.series = series;
        this.warmup = warmup;
    }

    @Override
    public void closed(long start, long end, List<ServiceTraffic> services) {
        int index = (int) (start / (end - start));
        in.clear();
        inTail.clear();
        for (ActionWindow w : windows) {
            if (w.start() >= end) {
                continue;
            }
            if (!w.settled() || w.end() > start) {
                in.add(w);
            } else if (w.tailOpen()) {
                inTail.add(w);
            }
        }
        HeldInterval hold = null;
        for (ServiceTraffic t : services) {
            String name = t.displayName();
            Phase phase = phase(t, index, start, end);
            LatencyHistogram h = t.intervalLatency();
            if (h.isEmpty()) {
                continue;
            }
            switch (phase) {
                case STARTUP -> add(startup, name, h);
                case BEFORE_READY -> add(beforeReady, name, h);
                case SERVING -> {
                    add(afterStartup, name, h);
                    for (ActionWindow w : in) {
                        w.addLatency(name, h);
                    }
                    for (ActionWindow w : inTail) {
                        w.addTailLatency(start, name, h);
                    }
                    if (in.isEmpty() && inTail.isEmpty()) {
                        add(baseline, name, h);
                    } else if (in.isEmpty()) {
                        if (hold == null) {
                            hold = new HeldInterval(start, end, new LinkedHashMap<>());
                            held.add(hold);
                        }
                        LatencyHistogram copy = new LatencyHistogram();
                        copy.add(h);
                        copy.compact();
                        hold.latency().put(name, copy);
                    }
                }
            }
        }
        if (!inTail.isEmpty() && !anyFailed(services, index)) {
            for (ActionWindow w : inTail) {
                w.closeTail();
            }
        }
    }

    private enum Phase { STARTUP, BEFORE_READY, SERVING }

    /** Where interval {@code index} of the Service stands; called for every interval in order. */
    private Phase phase(ServiceTraffic t, int index, long start, long end) {
        ColdStart c = coldStarts.computeIfAbsent(t.displayName(), ColdStart::new);
        Phase phase = c.phase(t, index, end, end - start);
        return start < warmup ? Phase.STARTUP : phase;
    }

    /** One Service's cold start: until its first ready endpoint, then while requests find none. */
    private final class ColdStart {
        private final String service;
        private TimeSeries ready;
        private int scanned;
        private long firstReady = -1;
        private boolean over;

        ColdStart(String service) {
            this.service = service;
        }

        Phase phase(ServiceTraffic t, int index, long end, long interval) {
            if (firstReady < 0 && !findFirstReady(end)) {
                return Phase.BEFORE_READY;
            }
            if (index < firstReady / interval) {
                return Phase.STARTUP;
            }
            if (!over && t.count(RequestCause.NO_ENDPOINTS, index) > 0) {
                return Phase.STARTUP;
            }
            over = true;
            return Phase.SERVING;
        }

        /** Reads the ready-endpoint samples up to {@code end}; on the first above 0 the held latencies are startup. */
        private boolean findFirstReady(long end) {
            if (ready == null) {
                ready = series.find(ServiceEndpointsGauge.READY, "service=" + service);
                if (ready == null) {
                    return false;
                }
            }
            for (; scanned < ready.size() && ready.timeAt(scanned) <= end; scanned++) {
                if (ready.valueAt(scanned) > 0) {
                    firstReady = ready.timeAt(scanned);
                    LatencyHistogram before = beforeReady.remove(service);
                    if (before != null) {
                        add(startup, service, before);
                    }
                    return true;
                }
            }
            return false;
        }
    }

    private static void add(Map<String, LatencyHistogram> into, String service, LatencyHistogram h) {
        into.computeIfAbsent(service, k -> new LatencyHistogram()).add(h);
    }

    private static boolean anyFailed(List<ServiceTraffic> services, int interval) {
        for (ServiceTraffic t : services) {
            if (t.requests(interval) > t.count(RequestCause.OK, interval)) {
                return true;
            }
        }
        return false;
    }

    /**
     * At the end of the run, once the windows' ends are final (stretched over outages): each
     * window takes the kept intervals its end covers, the baseline the held intervals no window
     * covers and the latencies of Services that never had a ready endpoint. Idempotent.
     */
    AttributedLatencies finish() {
        if (finished != null) {
            return finished;
        }
        for (ActionWindow w : windows) {
            w.finishLatencies();
        }
        for (HeldInterval h : held) {
            boolean covered = false;
            for (ActionWindow w : windows) {
                covered |= w.settled() && w.start() < h.end() && w.end() > h.start();
            }
            if (!covered) {
                h.latency().forEach((s, l) -> add(baseline, s, l));
            }
        }
        held.clear();
        beforeReady.forEach((s, l) -> {
            add(baseline, s, l);
            add(afterStartup, s, l);
        });
        beforeReady.clear();
        startup.values().forEach(LatencyHistogram::compact);
        baseline.values().forEach(LatencyHistogram::compact);
        afterStartup.values().forEach(LatencyHistogram::compact);
        finished = new AttributedLatencies(startup, baseline, afterStartup);
        return finished;
    }
}
