package io.kubesim.traffic;

import java.util.List;

/**
 * Told by the {@link TrafficLedger}'s latency gauge each time a sample interval closes, before
 * the per-interval latency histograms are reset: whoever needs the latencies of a span longer
 * than one interval (an action's window) merges them here instead of keeping every interval.
 */
@FunctionalInterface
public interface IntervalLatencies {
    /**
     * The interval {@code [start, end)} closed. Each Service's {@link ServiceTraffic#intervalLatency()}
     * holds the latencies it served in it (read them, do not change them); its per-interval counts
     * ({@link ServiceTraffic#count(RequestCause, int)}) are final except for timeouts still to come.
     */
    void closed(long start, long end, List<ServiceTraffic> services);
}
