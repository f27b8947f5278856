package io.kubesim.sim;

import io.kubesim.metrics.TimeSeries;
import io.kubesim.metrics.TimeSeriesStore;
import io.kubesim.traffic.Outage;
import io.kubesim.traffic.OutageDetector;
import io.kubesim.traffic.ServiceTraffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds each Service's outages at the end of a run: periods when it failed most requests, or had
 * no ready endpoint after it first had one (read from the {@code service_endpoints_ready} series).
 */
final class ServiceOutages {
    private final TimeSeriesStore series;
    private final long interval;

    ServiceOutages(TimeSeriesStore series, long sampleInterval) {
        this.series = series;
        this.interval = sampleInterval;
    }

    /** The outages of {@code services} (display names) up to {@code now}, Service by Service. */
    List<Outage> find(List<String> services, List<ServiceTraffic> traffic, long now) {
        Map<String, ServiceTraffic> byName = new LinkedHashMap<>();
        for (ServiceTraffic t : traffic) {
            byName.put(t.displayName(), t);
        }
        List<Outage> outages = new ArrayList<>();
        for (String name : services) {
            outages.addAll(OutageDetector.DEFAULT.find(name, byName.get(name), noReadyEndpoints(name, now),
                    firstReady(name), interval, now));
        }
        return outages;
    }

    /**
     * Per sample interval, whether the Service had no ready endpoint, counted only after it first
     * had one (a Service still starting up is not out).
     */
    private boolean[] noReadyEndpoints(String service, long now) {
        TimeSeries ready = series.find("service_endpoints_ready", "service=" + service);
        if (ready == null) {
            return null;
        }
        int n = (int) ((now + interval - 1) / interval);
        boolean[] out = new boolean[n];
        boolean seenReady = false;
        for (int i = 0; i < ready.size(); i++) {
            int idx = (int) (ready.timeAt(i) / interval);
            seenReady |= ready.valueAt(i) > 0;
            if (seenReady && ready.valueAt(i) == 0 && idx < n) {
                out[idx] = true;
            }
        }
        return out;
    }

    /** When the Service's EndpointSlices first had a ready endpoint; Long.MAX_VALUE if never. */
    private long firstReady(String service) {
        TimeSeries ready = series.find("service_endpoints_ready", "service=" + service);
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
