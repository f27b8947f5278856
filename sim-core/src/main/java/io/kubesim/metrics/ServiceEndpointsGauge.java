package io.kubesim.metrics;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.Service;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Samples, for every Service with a selector, how many of its endpoints the EndpointSlices hold
 * as {@code ready} and as {@code terminating} (k8s-semantics.md 5): the series
 * {@value #READY} and {@value #TERMINATING} labelled {@code service=<name>}. The counts are the
 * control plane's truth; a load balancer's view lags them by its propagation delay.
 */
public final class ServiceEndpointsGauge implements Gauge {
    public static final String READY = "service_endpoints_ready";
    public static final String TERMINATING = "service_endpoints_terminating";

    private final ClusterStore store;
    private final Function<Service, String> naming;
    /** Label strings per Service, made once (looked up only, never iterated). */
    private final Map<Service, String> labels = new IdentityHashMap<>();

    /** @param naming how a Service is named in outputs ({@code name} or {@code ns/name}) */
    public ServiceEndpointsGauge(ClusterStore store, Function<Service, String> naming) {
        this.store = store;
        this.naming = naming;
    }

    @Override
    public void sample(long now, TimeSeriesStore series) {
        for (Service s : store.services().list()) {
            if (s.selector().isEmpty()) {
                continue;
            }
            int ready = 0;
            int terminating = 0;
            for (EndpointSlice slice : store.endpointSlicesByService().get(s.metadata().key())) {
                ready += slice.readyCount();
                terminating += slice.terminatingCount();
            }
            String l = labels.computeIfAbsent(s, x -> "service=" + naming.apply(x));
            series.series(READY, l).record(now, ready);
            series.series(TERMINATING, l).record(now, terminating);
        }
    }
}
