package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.metrics.WorkloadObservers;
import io.kubesim.metrics.WorkloadStatus;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationResult;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json's {@code workloads} for a mixed input: a Deployment, a standalone ReplicaSet and a
 * ReplicationController start on node a-1, a node b-1 joins at 60 s and a-1 is drained at 90 s
 * (no PodDisruptionBudget, so every pod is evicted at once); the Deployment rolls out at 150 s and
 * the ReplicationController is scaled to 4 at 200 s. Every figure is checked against the cluster
 * the run left, or against the pods at the moment of the drain.
 */
class WorkloadsSummaryTest {
    private static final long DRAIN_AT = SimTime.seconds(90);

    static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: web:1, resources: {requests: {cpu: 100m}}}]}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: front}
            spec:
              replicas: 2
              selector: {matchLabels: {app: front}}
              template:
                metadata: {labels: {app: front}}
                spec: {containers: [{name: front, image: front:1, resources: {requests: {cpu: 100m}}}]}
            ---
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: legacy}
            spec:
              replicas: 3
              template:
                metadata: {labels: {app: legacy}}
                spec: {containers: [{name: legacy, image: legacy:1, resources: {requests: {cpu: 100m}}}]}
            """;

    static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: workloads}
            seed: 7
            duration: 5m
            manifests: [m.yaml]
            cluster:
              nodePools:
                - {name: a, count: 1, allocatable: {cpu: "4", memory: 16Gi}}
                - {name: b, count: 0, allocatable: {cpu: "4", memory: 16Gi}}
            applications:
              default: {startupTime: 5s}
            timeline:
              - {at: 60s, addNodes: {pool: b, count: 1}}
              - {at: 90s, drain: {node: a-1}}
              - {at: 150s, rollout: {deployment: web}}
              - {at: 200s, scale: {replicationcontroller: legacy, replicas: 4}}
            """;

    static SimulationSpec spec;
    static ClusterSimulation sim;
    static SimulationResult result;
    /** Per workload key, the available pods not on the drained node just before the drain. */
    static final Map<String, Integer> survivingTheDrain = new LinkedHashMap<>();

    @BeforeAll
    static void run(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.yaml"), MANIFESTS);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO);
        spec = ScenarioLoader.load(file).value();
        sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(DRAIN_AT - 1);
        for (WorkloadStatus w : sim.workloads().all(sim.simulation().now())) {
            survivingTheDrain.put(w.key(), (int) podsOf(sim.store(), w).stream()
                    .filter(p -> p.isAvailable(0, sim.simulation().now()) && !"a-1".equals(p.nodeName())).count());
        }
        sim.run(spec.duration());
        result = sim.result();
    }

    /** The active pods of a workload, found through owner references. */
    static List<Pod> podsOf(ClusterStore store, WorkloadStatus w) {
        List<String> owners = new ArrayList<>();
        switch (w.kind()) {
            case "Deployment" -> store.replicaSetsByOwner().get(store.deployments().get("default", w.name()).metadata().uid())
                    .forEach(rs -> owners.add(rs.metadata().uid()));
            case "ReplicaSet" -> owners.add(store.replicaSets().get("default", w.name()).metadata().uid());
            default -> owners.add(store.replicationControllers().get("default", w.name()).metadata().uid());
        }
        List<Pod> out = new ArrayList<>();
        for (String uid : owners) {
            store.podsByOwner().get(uid).forEach(p -> {
                if (p.isActive()) {
                    out.add(p);
                }
            });
        }
        return out;
    }

    static int desiredInStore(WorkloadStatus w) {
        ClusterStore store = sim.store();
        return switch (w.kind()) {
            case "Deployment" -> store.deployments().get("default", w.name()).replicas();
            case "ReplicaSet" -> store.replicaSets().get("default", w.name()).replicas();
            default -> store.replicationControllers().get("default", w.name()).replicas();
        };
    }

    @Test
    @DisplayName("Every workload of every kind, by kind then name; a Deployment's own ReplicaSets are not listed apart")
    void everyWorkloadInKindThenNameOrder() {
        assertEquals(List.of("Deployment/web", "ReplicaSet/front", "ReplicationController/legacy"),
                result.workloads().stream().map(WorkloadStatus::key).toList());
        List<WorkloadStatus> sorted = new ArrayList<>(result.workloads());
        sorted.sort(WorkloadObservers.ORDER);
        assertEquals(sorted, result.workloads());
    }

    @Test
    @DisplayName("desired, ready and available are what the cluster has at the end")
    void endStateMatchesTheCluster() {
        long now = sim.simulation().now();
        for (WorkloadStatus w : result.workloads()) {
            List<Pod> pods = podsOf(sim.store(), w);
            assertEquals(desiredInStore(w), w.desired(), w.key());
            assertEquals(pods.stream().filter(Pod::isReady).count(), w.ready(), w.key());
            assertEquals(pods.stream().filter(p -> p.isAvailable(0, now)).count(), w.available(), w.key());
        }
        assertEquals(4, result.workloads().get(2).desired(), "the timeline scaled legacy to 4");
    }

    @Test
    @DisplayName("minAvailable: the fewest available after first full availability, here what the drain left")
    void minAvailableIsWhatTheDrainLeft() {
        for (WorkloadStatus w : result.workloads()) {
            assertEquals(survivingTheDrain.get(w.key()), w.minAvailable(), w.key());
        }
    }

    @Test
    @DisplayName("A Deployment's entry agrees with the deployments section; the others have no rollouts")
    void deploymentEntryAgreesWithTheDeploymentsSection() {
        DeploymentObserver.Stats d = result.deployments().get(0);
        WorkloadStatus w = result.workloads().get(0);
        assertEquals(d.displayName(), w.name());
        assertEquals(d.deployment().replicas(), w.desired());
        assertEquals(d.ready(), w.ready());
        assertEquals(d.available(), w.available());
        assertEquals(d.minAvailableObserved(), w.minAvailable());
        assertEquals(d.rollouts().size(), w.rollouts().size());
        assertEquals(1, w.rollouts().size(), "the rollout at 150 s");
        assertEquals(d.rollouts().get(0).end(), w.rollouts().get(0).end());
        assertTrue(result.workloads().get(1).rollouts().isEmpty());
    }

    @Test
    @DisplayName("workload_* series per kind follow the ReplicaSet and the ReplicationController; Deployments keep deployment_*")
    void seriesPerWorkloadKind() {
        TimeSeries desired = result.series().find("workload_replicas_desired", "kind=ReplicationController;workload=legacy");
        assertEquals(3, desired.valueAt(0));
        assertEquals(4, desired.last());
        TimeSeries ready = result.series().find("workload_pods_ready", "kind=ReplicaSet;workload=front");
        assertEquals(result.workloads().get(1).ready(), ready.last());
        assertEquals(0, ready.min(), "nothing ready at the start and right after the drain");
        assertEquals(null, result.series().find("workload_pods_ready", "kind=Deployment;workload=web"));
    }

    @Test
    @DisplayName("Determinism: the same scenario and seed give the same workloads, events and series")
    void sameSeedSameWorkloads() {
        ClusterSimulation again = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        again.run(spec.duration());
        SimulationResult r = again.result();
        assertEquals(result.workloads(), r.workloads());
        assertEquals(sim.events().events(), again.events().events());
        for (String name : List.of("workload_pods_ready", "workload_pods_available")) {
            TimeSeries a = result.series().find(name, "kind=ReplicationController;workload=legacy");
            TimeSeries b = r.series().find(name, "kind=ReplicationController;workload=legacy");
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.valueAt(i), b.valueAt(i));
                assertEquals(a.timeAt(i), b.timeAt(i));
            }
        }
    }

    @Test
    @DisplayName("Pods of a ReplicationController are owned by kind ReplicationController, named after it")
    void podsOwnedByTheReplicationController() {
        ReplicaSet rc = sim.store().replicationControllers().get("default", "legacy");
        List<Pod> pods = sim.store().podsByOwner().get(rc.metadata().uid()).stream().filter(Pod::isActive).toList();
        assertEquals(4, pods.size());
        assertTrue(pods.stream().allMatch(p -> p.metadata().owner().kind().equals("ReplicationController")
                && p.name().startsWith("legacy-")));
    }
}
