package io.kubesim.sim;

import io.kubesim.metrics.TimeSeries;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many of a Service's sample intervals are its startup: the scenario's warm-up (every interval
 * that begins before it ends), or its cold start if longer: up to its first ready endpoint
 * ({@code service_endpoints_ready} > 0), then on until the first interval without a
 * {@code no_endpoints} failure (the balancers having all learned of the endpoint by then). None
 * when it never had a ready endpoint: a Service that never came up is not starting, it is out.
 * What summary.json's attribution and the capacity planner leave out of their figures.
 */
public final class ServiceStartup {
    private final SimulationResult result;
    private final long interval;
    private final Map<String, Integer> coldStart = new LinkedHashMap<>();

    public ServiceStartup(SimulationResult result, long interval) {
        this.result = result;
        this.interval = interval;
    }

    /** The number of leading intervals of {@code t} that are startup. */
    public int intervals(ServiceTraffic t) {
        long warmup = (result.warmup() + interval - 1) / interval;
        return (int) Math.max(warmup, coldStartIntervals(t));
    }

    private int coldStartIntervals(ServiceTraffic t) {
        return coldStart.computeIfAbsent(t.displayName(), s -> {
            long firstReady = firstReady(s);
            if (firstReady == Long.MAX_VALUE) {
                return 0;
            }
            int i = (int) (firstReady / interval);
            while (i < t.intervals() && t.count(RequestCause.NO_ENDPOINTS, i) > 0) {
                i++;
            }
            return i;
        });
    }

    /** When the Service first had a ready endpoint; Long.MAX_VALUE if never. */
    private long firstReady(String service) {
        TimeSeries ready = result.series().find("service_endpoints_ready", "service=" + service);
        if (ready != null) {
            for (int i = 0; i < ready.size(); i++) {
                if (ready.valueAt(i) > 0) {
                    return ready.timeAt(i);
                }
            }
        }
        return Long.MAX_VALUE;
    }
}
