package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rollout: {statefulset: NAME}}: a StatefulSet's rolling update from the timeline (k8s-semantics.md 11.5). */
class StatefulSetRolloutTest {
    private static final String DB = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 3
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: "postgres:16"}]}
            """;

    /** Line 12 holds the rollout. */
    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: t}
            duration: 10m
            manifests: [db.yaml]
            cluster:
              nodePools:
                - name: pool-a
                  count: 3
                  allocatable: {cpu: "4", memory: 16Gi}
            timeline:
              - {at: 2m, rollout: ROLLOUT}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifest() throws Exception {
        Files.writeString(dir.resolve("db.yaml"), DB);
    }

    private SimulationSpec load(String rollout) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO.replace("ROLLOUT", rollout));
        return ScenarioLoader.load(file).value();
    }

    @Test
    @DisplayName("read as a StatefulSet rollout, and run: every pod is replaced, highest ordinal first")
    void readAndRun() throws Exception {
        SimulationSpec spec = load("{statefulset: db, images: {db: \"postgres:17\"}}");
        assertEquals(List.of(new TimelineAction.Rollout(SimTime.minutes(2), "db", Map.of("db", "postgres:17"),
                TimelineAction.Rollout.STATEFUL_SET)), spec.timeline());
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        List<String> deleted = sim.events().events().stream().filter(e -> e.reason().equals("SuccessfulDelete"))
                .map(e -> e.message()).toList();
        assertEquals(List.of("delete Pod db-2 in StatefulSet db successful", "delete Pod db-1 in StatefulSet db successful",
                "delete Pod db-0 in StatefulSet db successful"), deleted);
        for (int i = 0; i < 3; i++) {
            assertEquals("postgres:17", sim.store().pods().get("default", "db-" + i).spec().containers().get(0).image());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown StatefulSet | {statefulset: dbb}                              | 12 | 37 | no StatefulSet named \"dbb\" in the scenario's manifests: did you mean \"db\"?",
        "unknown container   | {statefulset: db, images: {postgres: x}}         | 12 | 50 | StatefulSet default/db has no container \"postgres\" (containers: db)",
        "both names          | {deployment: db, statefulset: db}                | 12 | 40 | a rollout names one of deployment, statefulset, daemonset and rollout, got deployment and statefulset",
        "a Deployment name   | {deployment: db}                                 | 12 | 36 | no Deployment named \"db\" in the scenario's manifests (the manifests define none)",
    })
    @DisplayName("bad rollouts are one located error")
    void refused(String name, String rollout, int line, int column, String message) {
        InputException e = assertThrows(InputException.class, () -> load(rollout));
        assertEquals(message, e.detail(), e.format());
        assertEquals(line, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
    }
}
