package io.kubesim.sim;

import io.kubesim.traffic.IntervalLatencies;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import java.util.List;

/**
 * Merges each closed sample interval's served latencies into the {@link ActionWindow}s it
 * overlaps, so that an action's p99 is the percentile of every request served inside its window
 * (summary.json {@code actions[].p99Ms}) without keeping a histogram per interval.
 *
 * <p>An interval {@code [start, end)} overlaps a window that began before {@code end} and had not
 * settled before {@code start}, the same rule the attribution of request counts uses. A window
 * may still be stretched at the end of the run over an outage that began inside it
 * ({@link ActionSettling#coverOutages}); so after it settles, the following intervals are kept
 * apart, one by one, until an interval in which no Service failed a request (no outage can go on
 * through it: an interval is out when requests failed, or when no endpoint was ready, which fails
 * the requests that come), and those before the final end are merged in at the end of the run.
 */
final class ActionLatencies implements IntervalLatencies {
    private final List<ActionWindow> windows;

    /** @param windows every window, in play order, as the timeline opens them (a live view) */
    ActionLatencies(List<ActionWindow> windows) {
        this.windows = windows;
    }

    @Override
    public void closed(long start, long end, List<ServiceTraffic> services) {
        for (ActionWindow w : windows) {
            if (w.start() >= end) {
                continue;
            }
            if (!w.settled() || w.end() > start) {
                w.addLatencies(services);
            } else if (w.tailOpen()) {
                w.addTailLatencies(start, services);
                if (!anyFailed(services, (int) (start / (end - start)))) {
                    w.closeTail();
                }
            }
        }
    }

    private static boolean anyFailed(List<ServiceTraffic> services, int interval) {
        for (ServiceTraffic t : services) {
            if (t.requests(interval) > t.count(RequestCause.OK, interval)) {
                return true;
            }
        }
        return false;
    }
}
