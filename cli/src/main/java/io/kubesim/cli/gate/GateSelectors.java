package io.kubesim.cli.gate;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.gate.GateExpression;
import io.kubesim.sim.ActionWindow;
import io.kubesim.sim.DisplayNames;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before the run, that each gate's selectors name something the scenario has: its
 * Services, workloads and Deployments (from the manifests, named as summary.json will name them)
 * and its timeline actions. A typo ({@code p99Ms[frontnd]}) then costs no simulation and leaves no
 * outputs behind. The lookups and messages are {@link GateMeasurements}' own, run over a summary
 * that holds only the names.
 */
public final class GateSelectors {
    private final GateMeasurements names;

    private GateSelectors(SimulationSpec spec) {
        this.names = new GateMeasurements(namesOnly(spec));
    }

    /** The names of the scenario's Services, workloads, Deployments and timeline actions. */
    public static GateSelectors of(SimulationSpec spec) {
        return new GateSelectors(spec);
    }

    /** Throws {@link UnknownSelectorException} when the gate names something the scenario lacks. */
    public void check(GateExpression gate) {
        names.resolve(gate);
    }

    /** summary.json's {@code services}, {@code workloads}, {@code deployments} and {@code actions}, names only. */
    static Map<String, Object> namesOnly(SimulationSpec spec) {
        DisplayNames display = DisplayNames.forManifests(spec.manifests());
        Map<String, Object> services = new LinkedHashMap<>();
        Map<String, Object> workloads = new java.util.TreeMap<>(); // summary.json's order: kind, then name
        Map<String, Object> deployments = new LinkedHashMap<>();
        for (Manifest m : spec.manifests()) {
            String kind = m.kind();
            if (m instanceof Manifest.ServiceManifest) {
                services.put(display.of(m.namespace(), m.name()), Map.of());
            } else if (WORKLOAD_KINDS.contains(kind)) {
                String name = display.of(m.namespace(), m.name());
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("kind", kind);
                w.put("name", name);
                workloads.put(kind + "/" + name, w);
                if (m instanceof Manifest.DeploymentManifest) {
                    deployments.put(name, Map.of());
                }
            }
        }
        List<Object> actions = new ArrayList<>();
        for (TimelineAction a : spec.timeline()) {
            if (a.at() > spec.duration()) {
                continue; // never played (run --until cut the run short)
            }
            ActionWindow w = ActionWindow.planned(a);
            actions.add(Map.of("kind", w.kind(), "target", w.target()));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("services", services);
        summary.put("workloads", workloads);
        summary.put("deployments", deployments);
        summary.put("actions", actions);
        return summary;
    }

    /** The kinds summary.json lists under {@code workloads} (a CronJob's Jobs are its CronJob's). */
    private static final java.util.Set<String> WORKLOAD_KINDS =
            java.util.Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
                    "CronJob");
}
