package io.kubesim.scenarios.audit;

import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ServingModel;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.TrafficMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests per second each Service receives at the scenario's peak, from its arrival specs
 * alone: every entry point's peak rate at its Service, then each application's calls (by the
 * Service's name, as the scenario names them) times their probability, followed a few levels
 * deep. An estimate for judging headroom, not a simulation.
 */
public final class OfferedLoads {
    private static final int MAX_DEPTH = 8;

    private OfferedLoads() {
    }

    /** Requests per second by Service name (without namespace). */
    public static Map<String, Double> of(SimulationSpec spec) {
        Map<String, Double> out = new TreeMap<>();
        for (EntryPoint e : spec.traffic()) {
            add(spec, shortName(e.service()), TrafficMode.peakRate(List.of(e)), 0, out);
        }
        return out;
    }

    private static void add(SimulationSpec spec, String service, double rate, int depth, Map<String, Double> out) {
        if (depth >= MAX_DEPTH || !(rate > 0)) {
            return;
        }
        out.merge(service, rate, Double::sum);
        for (ServingModel.Call c : model(spec, service).serving().calls()) {
            add(spec, shortName(c.service()), rate * c.probability(), depth + 1, out);
        }
    }

    /** The application model of the workload a Service is named after (the usual convention). */
    static ApplicationModel model(SimulationSpec spec, String service) {
        return spec.applications().getOrDefault(service, spec.defaultApplication());
    }

    /** What one pod of {@code m} serves per second at most: its concurrency over its mean service time. */
    public static double capacityPerPod(ApplicationModel m) {
        double mean = m.serving().serviceTime().mean();
        return mean <= 0 ? Double.POSITIVE_INFINITY : m.serving().concurrency() * 1e6 / mean;
    }

    private static String shortName(String service) {
        return service.contains("/") ? service.substring(service.indexOf('/') + 1) : service;
    }
}
