package io.kubesim.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.reports.SummaryReport;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The names {@link GateSelectors} checks gates against before a run are the names the run's
 * summary.json has: a selector refused before the run would have found nothing after it, and one
 * accepted is measured. Library scenarios with several namespaces (names become
 * {@code namespace/name}), DaemonSets, a CronJob, StatefulSets and many actions.
 */
class GateSelectorsLibraryTest {
    private static final Path LIBRARY = Path.of("..").toAbsolutePath().normalize().resolve("library");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"daemonset-overhead.yaml", "cronjob-burst.yaml", "opentelemetry-demo.yaml",
            "statefulset-zone-failure.yaml", "online-boutique-rollout.yaml", "cluster-autoscaler-burst.yaml",
            "rwo-volume-node-failure.yaml"})
    @DisplayName("services, workloads, Deployments and actions named before the run as summary.json names them")
    void sameNamesAsTheSummary(String scenario) {
        SimulationSpec spec = ScenarioLoader.load(LIBRARY.resolve(scenario)).value();
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        Map<String, Object> summary = SummaryReport.build(sim.result(), 0);
        Map<String, Object> before = GateSelectors.namesOnly(spec);
        for (String field : List.of("services", "workloads", "deployments")) {
            assertEquals(keys(summary.get(field)), keys(before.get(field)), field);
        }
        assertEquals(actions(summary.get("actions")), actions(before.get("actions")), "actions");
    }

    private static TreeSet<String> keys(Object map) {
        return new TreeSet<>(((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList());
    }

    private static List<String> actions(Object list) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            Map<?, ?> a = (Map<?, ?>) o;
            out.add(a.get("kind") + " " + a.get("target"));
        }
        return out;
    }
}
