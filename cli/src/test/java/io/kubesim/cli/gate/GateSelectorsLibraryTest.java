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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The names {@link GateSelectors} checks gates against before a run are the names the run's
 * summary.json has, in its order: a selector refused before the run would have found nothing after
 * it, one accepted is measured, and the message listing the names is the same. Library scenarios with several namespaces (names become
 * {@code namespace/name}), DaemonSets, a CronJob, StatefulSets and many actions.
 */
class GateSelectorsLibraryTest {
    private static final Path LIBRARY = Path.of("..").toAbsolutePath().normalize().resolve("library");

    private static final String MANIFESTS = """
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: legacy, namespace: old}
            spec:
              replicas: 1
              template:
                metadata: {labels: {app: legacy}}
                spec: {containers: [{name: legacy, image: legacy:1, resources: {requests: {cpu: 100m}}}]}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: front, namespace: shop}
            spec:
              replicas: 1
              selector: {matchLabels: {app: front}}
              template:
                metadata: {labels: {app: front}}
                spec: {containers: [{name: front, image: front:1, resources: {requests: {cpu: 100m}}}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: front, namespace: shop}
            spec: {selector: {app: front}, ports: [{port: 80}]}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: once, namespace: shop}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: once, image: once:1, resources: {requests: {cpu: 100m}}}]
            """;

    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: kinds}
            duration: 2m
            manifests: [m.yaml]
            cluster:
              nodePools:
                - {name: pool, count: 2, allocatable: {cpu: "4", memory: 16Gi}}
            timeline:
              - {at: 30s, scale: {replicaset: shop/front, replicas: 2}}
              - {at: 60s, drain: {node: pool-1}}
            """;

    @org.junit.jupiter.api.Test
    @DisplayName("a ReplicationController, a ReplicaSet and a Job in two namespaces, a scale and a drain")
    void otherKinds(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("m.yaml"), MANIFESTS);
        java.nio.file.Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        assertSameNames(ScenarioLoader.load(dir.resolve("s.yaml")).value());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"daemonset-overhead.yaml", "cronjob-burst.yaml", "opentelemetry-demo.yaml",
            "statefulset-zone-failure.yaml", "online-boutique-rollout.yaml", "cluster-autoscaler-burst.yaml",
            "rwo-volume-node-failure.yaml"})
    @DisplayName("services, workloads, Deployments and actions named before the run as summary.json names them")
    void sameNamesAsTheSummary(String scenario) {
        assertSameNames(ScenarioLoader.load(LIBRARY.resolve(scenario)).value());
    }

    private static void assertSameNames(SimulationSpec spec) {
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        Map<String, Object> summary = SummaryReport.build(sim.result(), 0);
        Map<String, Object> before = GateSelectors.namesOnly(spec);
        for (String field : List.of("services", "workloads", "deployments")) {
            assertEquals(keys(summary.get(field)), keys(before.get(field)), field);
        }
        assertEquals(actions(summary.get("actions")), actions(before.get("actions")), "actions");
    }

    /** In order: the messages list the names as summary.json does. */
    private static List<String> keys(Object map) {
        return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList();
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
