package io.kubesim.traffic;

import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One load balancer's copy of every Service's endpoints. Each EndpointSlice change reaches it
 * after its own propagation delay, sampled per change from the balancer's stream; a change is
 * applied at {@code max(arrival + delay, when the previous change to that Service is applied)},
 * and changes applied at the same instant keep their arrival order. So a short delay never lets
 * a later change be overtaken by an earlier one: the view never goes back in time.
 */
final class BalancerEndpoints {
    private final Simulation sim;
    private final String name;
    private final DurationDistribution delay;
    private final RandomGenerator rng;
    private final boolean readyOnly;
    private final Map<String, ServiceEndpointView> views = new HashMap<>();
    private final List<java.util.function.Consumer<EndpointView>> beforeChange = new ArrayList<>();
    /** Where each applied change is recorded ({@code ProxyUpdated}); null when decisions are off. */
    private ProxyChanges changes;

    BalancerEndpoints(Simulation sim, String name, DurationDistribution delay, String streamName) {
        this(sim, name, delay, streamName, false);
    }

    /** @param readyOnly its views route to ready endpoints only (DNS), see {@link ServiceEndpointView#routable()} */
    BalancerEndpoints(Simulation sim, String name, DurationDistribution delay, String streamName, boolean readyOnly) {
        this.sim = sim;
        this.name = name;
        this.delay = delay;
        this.rng = sim.random().stream(streamName);
        this.readyOnly = readyOnly;
    }

    String name() {
        return name;
    }

    /** Records, from now on, each change this balancer applies to a view as {@code ProxyUpdated}. */
    void recordChanges(ProxyChanges changes) {
        this.changes = changes;
    }

    /** The view of a Service, created empty on first use. */
    ServiceEndpointView view(String serviceKey) {
        return views.computeIfAbsent(serviceKey, k -> new ServiceEndpointView(name, k, readyOnly));
    }

    /** A slice of the Service changed now: apply its content after this balancer's delay. */
    void sliceChanged(String serviceKey, String sliceName, List<Endpoint> content) {
        ServiceEndpointView v = view(serviceKey);
        long arrived = sim.now();
        long at = v.scheduleChange(arrived, delay.sample(rng));
        sim.scheduleAt(at, () -> {
            for (java.util.function.Consumer<EndpointView> r : beforeChange) {
                r.accept(v);
            }
            if (changes != null && changes.records(v)) {
                List<Endpoint> before = v.endpoints();
                v.apply(sliceName, content, sim.now());
                changes.applied(v, before, arrived);
            } else {
                v.apply(sliceName, content, sim.now());
            }
        });
    }

    /** Runs {@code r} with the view just before each change is applied to any view of this balancer. */
    void beforeChange(java.util.function.Consumer<EndpointView> r) {
        beforeChange.add(r);
    }
}
