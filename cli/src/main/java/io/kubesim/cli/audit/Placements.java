package io.kubesim.cli.audit;

import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Placement;
import io.kubesim.scenarios.audit.Workload;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the scheduler puts the audited workloads' pods: the scenario run for its first
 * {@link #SETTLE} (without its timeline), then every running pod counted under the workload whose
 * template labels it carries, per node.
 */
final class Placements {
    /** Long enough for image pulls, start-up and the scheduler's retries of a normal start. */
    static final long SETTLE = io.kubesim.engine.SimTime.minutes(2);

    private Placements() {
    }

    static Placement of(Path scenario, boolean generated, AuditInput in) {
        SimulationSpec loaded = ScenarioLoader.load(scenario).value();
        SimulationSpec s = loaded.withTimeline(java.util.List.of());
        long until = Math.min(SETTLE, s.duration());
        ClusterSimulation c = new ClusterSimulation(s.with(s.seed(), until), ClusterSimulation.Options.IN_MEMORY);
        c.simulation().watch(io.kubesim.cli.GuardOptions.Guards.defaults(scenario).of(until));
        c.run(until);
        Map<String, String> zoneOf = new TreeMap<>();
        for (Node n : c.store().nodes().list()) {
            zoneOf.put(n.name(), n.zone() == null ? "" : n.zone());
        }
        Map<String, Map<String, Integer>> byWorkload = new LinkedHashMap<>();
        for (Workload w : in.workloads()) {
            Map<String, String> labels = w.labels();
            if (labels.isEmpty()) {
                continue;
            }
            Map<String, Integer> byNode = new TreeMap<>();
            for (Pod p : c.store().pods().list()) {
                if (p.isActive() && p.nodeName() != null && p.namespace().equals(w.object().namespace())
                        && p.metadata().labels().entrySet().containsAll(labels.entrySet())) {
                    byNode.merge(p.nodeName(), 1, Integer::sum);
                }
            }
            byWorkload.put(w.key(), byNode);
        }
        int nodes = zoneOf.size();
        String cluster = (generated ? "the generated cluster's " : "the scenario's ") + nodes + " node"
                + (nodes == 1 ? "" : "s");
        return new Placement(cluster, byWorkload, zoneOf);
    }
}
