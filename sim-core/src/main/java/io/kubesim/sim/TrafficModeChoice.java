package io.kubesim.sim;

import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ServingModel;
import io.kubesim.engine.SimTime;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.TrafficMode;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses a scenario's traffic mode before the run ({@link TrafficMode#choose}): the requests of
 * the run (each entry point's rate integrated over its duration, the scenario's or {@code --until}'s,
 * times one plus the calls a request causes downstream) against the Services they reach; always
 * exact when an entry point has closed-loop users.
 */
final class TrafficModeChoice {
    /** How deep the call graph is followed, so that cycles end. */
    private static final int MAX_DEPTH = 8;

    private TrafficModeChoice() {
    }

    static TrafficMode choose(SimulationSpec spec) {
        if (TrafficMode.hasClosedLoop(spec.traffic())) {
            return TrafficMode.EXACT; // the fluid mode does not model closed-loop users
        }
        double requests = 0;
        Set<String> reached = new TreeSet<>();
        for (EntryPoint e : spec.traffic()) {
            requests += TrafficMode.requests(e, spec.duration()) * (1 + callsPerRequest(spec, e.service(), 0));
            reach(spec, e.service(), 0, reached);
        }
        return TrafficMode.choose(requests, spec.duration() / (double) SimTime.seconds(1), reached.size());
    }

    private static void reach(SimulationSpec spec, String service, int depth, Set<String> reached) {
        if (depth >= MAX_DEPTH || !reached.add(service)) {
            return;
        }
        String name = service.contains("/") ? service.substring(service.indexOf('/') + 1) : service;
        ApplicationModel m = spec.applications().getOrDefault(service,
                spec.applications().getOrDefault(name, spec.defaultApplication()));
        for (ServingModel.Call c : m.serving().calls()) {
            reach(spec, c.service(), depth + 1, reached);
        }
    }

    /**
     * The mean number of calls one request to a Service causes downstream, following the
     * application models' calls by name (a Service named as its workload, as is usual).
     */
    private static double callsPerRequest(SimulationSpec spec, String service, int depth) {
        if (depth >= MAX_DEPTH) {
            return 0;
        }
        String name = service.contains("/") ? service.substring(service.indexOf('/') + 1) : service;
        ApplicationModel m = spec.applications().getOrDefault(service,
                spec.applications().getOrDefault(name, spec.defaultApplication()));
        double n = 0;
        for (ServingModel.Call c : m.serving().calls()) {
            n += c.probability() * (1 + callsPerRequest(spec, c.service(), depth + 1));
        }
        return n;
    }
}
