package io.kubesim.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds outages per Service from per-interval facts: an interval is "out" when the error ratio of
 * the requests that ended in it reaches {@code errorRatio}, or when the Service had no ready
 * endpoint in it. Intervals before the Service first had a ready endpoint never count: a Service
 * still starting up is not out. A Service that never had one (its pods are not run, or never turn
 * Ready) is out wherever it fails by the error ratio: the requests sent to it failed all along.
 * Runs of "out" intervals lasting at least {@code minDuration} are outages.
 *
 * @param errorRatio  failed / all requests at or above which an interval is out (default 0.5)
 * @param minDuration the shortest run that counts, in microseconds (default 5 s)
 */
public record OutageDetector(double errorRatio, long minDuration) {
    public static final OutageDetector DEFAULT = new OutageDetector(0.5, 5_000_000L);

    /**
     * @param noReadyEndpoints per interval, true when the Service had no ready endpoint; may be
     *                         shorter than the run (missing intervals count as false)
     * @param firstReady       when the Service first had a ready endpoint (Long.MAX_VALUE: never)
     */
    public List<Outage> find(String service, ServiceTraffic traffic, boolean[] noReadyEndpoints, long firstReady,
                             long interval, long end) {
        int n = (int) ((end + interval - 1) / interval);
        List<Outage> out = new ArrayList<>();
        int runStart = -1;
        for (int i = 0; i <= n; i++) {
            boolean down = i < n && (firstReady == Long.MAX_VALUE ? failing(traffic, i)
                    : (long) i * interval >= firstReady && isOut(traffic, noReadyEndpoints, i));
            if (down && runStart < 0) {
                runStart = i;
            } else if (!down && runStart >= 0) {
                long start = runStart * interval;
                long stop = Math.min(end, (long) i * interval);
                if (stop - start >= minDuration) {
                    out.add(new Outage(service, start, stop));
                }
                runStart = -1;
            }
        }
        return out;
    }

    private boolean isOut(ServiceTraffic traffic, boolean[] noReadyEndpoints, int i) {
        if (noReadyEndpoints != null && i < noReadyEndpoints.length && noReadyEndpoints[i]) {
            return true;
        }
        return failing(traffic, i);
    }

    private boolean failing(ServiceTraffic traffic, int i) {
        if (traffic == null) {
            return false;
        }
        long all = traffic.requests(i);
        return all > 0 && (double) (all - traffic.count(RequestCause.OK, i)) / all >= errorRatio;
    }
}
