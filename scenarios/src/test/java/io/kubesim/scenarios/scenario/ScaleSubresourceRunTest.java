package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HPA and the timeline's {@code scale} reach any scalable kind through one {@code /scale}
 * interface (k8s-semantics.md 1.1: "current replicas" is the target's {@code scale.spec.replicas};
 * the pods are those of the scale's selector): a standalone ReplicaSet and a ReplicationController
 * autoscale exactly as a Deployment with the same pods does.
 */
class ScaleSubresourceRunTest {
    @TempDir
    Path dir;

    /** One workload {@code app} of {@code kind}, 2 replicas, 100m cpu requested (each pod uses 200m). */
    static String workload(String kind) {
        String apiVersion = kind.equals("ReplicationController") ? "v1" : "apps/v1";
        String selector = kind.equals("ReplicationController") ? "{app: app}" : "{matchLabels: {app: app}}";
        return """
                apiVersion: %s
                kind: %s
                metadata: {name: app}
                spec:
                  replicas: 2
                  selector: %s
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      containers:
                        - name: app
                          image: app:1
                          resources: {requests: {cpu: 100m, memory: 64Mi}}
                ---
                """.formatted(apiVersion, kind, selector);
    }

    static String hpa(String kind, String target) {
        return """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: app}
                spec:
                  scaleTargetRef: {apiVersion: %s, kind: %s, name: %s}
                  minReplicas: 2
                  maxReplicas: 6
                  metrics:
                    - type: Resource
                      resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
                ---
                """.formatted(kind.equals("ReplicationController") ? "v1" : "apps/v1", kind, target);
    }

    static String scenario(String duration, String timeline) {
        return scenario(duration, "{name: pool, count: 2, allocatable: {cpu: \"8\", memory: 16Gi}}", timeline);
    }

    static String scenario(String duration, String pools, String timeline) {
        return """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: scale}
                seed: 3
                duration: %s
                manifests: [m.yaml]
                cluster:
                  nodePools: [%s]
                applications:
                  default:
                    startupTime: 5s
                    usage: {cpu: 200m}
                %s
                """.formatted(duration, pools, timeline);
    }

    ClusterSimulation run(String manifests, String scenario) throws Exception {
        Files.writeString(dir.resolve("m.yaml"), manifests);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, scenario);
        SimulationSpec spec = ScenarioLoader.load(file).value();
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        return sim;
    }

    private static List<Double> values(TimeSeries s) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.valueAt(i));
        }
        return out;
    }

    private static List<ClusterEvent> events(ClusterSimulation sim, String reason) {
        return sim.events().events().stream().filter(e -> e.reason().equals(reason)).toList();
    }

    private static long activePodsOf(ClusterSimulation sim, String ownerKind) {
        return sim.store().pods().list().stream().filter(Pod::isActive)
                .filter(p -> p.metadata().owner() != null && p.metadata().owner().kind().equals(ownerKind)).count();
    }

    @Test
    @DisplayName("11.4, 1.3: an HPA on a StatefulSet writes its spec.replicas; the StatefulSet controller adds "
            + "app-2, app-3 ... in order")
    void hpaScalesAStatefulSet() throws Exception {
        String set = workload("Deployment").replace("kind: Deployment", "kind: StatefulSet")
                .replace("spec:\n  replicas: 2", "spec:\n  serviceName: app\n  replicas: 2");
        ClusterSimulation sim = run(set + hpa("StatefulSet", "app"), scenario("8m", ""));
        List<ClusterEvent> rescales = events(sim, "SuccessfulRescale");
        assertEquals("New size: 4; reason: cpu resource utilization (percentage of request) above target",
                rescales.get(0).message());
        assertEquals("StatefulSet/default/app", rescales.get(0).object());
        assertEquals(6, sim.store().statefulSets().get("default", "app").replicas(),
                "the HPA wrote spec.replicas through the scale subresource");
        List<String> created = events(sim, "SuccessfulCreate").stream().map(ClusterEvent::message).toList();
        assertEquals(List.of("create Pod app-0 in StatefulSet app successful", "create Pod app-1 in StatefulSet app successful",
                "create Pod app-2 in StatefulSet app successful", "create Pod app-3 in StatefulSet app successful",
                "create Pod app-4 in StatefulSet app successful", "create Pod app-5 in StatefulSet app successful"),
                created, "OrderedReady: one ordinal after another");
        assertTrue(events(sim, "FailedGetScale").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ReplicaSet", "ReplicationController"})
    @DisplayName("1.1, 1.3, 1.8: an HPA on a standalone ReplicaSet or a ReplicationController scales it as it scales a Deployment")
    void hpaScalesAnyScalableKindLikeADeployment(String kind) throws Exception {
        ClusterSimulation deployment = run(workload("Deployment") + hpa("Deployment", "app"), scenario("6m", ""));
        ClusterSimulation other = run(workload(kind) + hpa(kind, "app"), scenario("6m", ""));

        List<Double> expected = values(deployment.result().series().find("hpa_desired_replicas", "hpa=app"));
        assertEquals(expected, values(other.result().series().find("hpa_desired_replicas", "hpa=app")));
        // 1.3: 200m of 100m is 200 %, ratio 2.5 over 80 %: ceil(2.5 x 2) = 5, capped by 1.8's
        // scale-up limit max(2 x 2, 4) = 4
        List<ClusterEvent> rescales = events(other, "SuccessfulRescale");
        assertEquals("New size: 4; reason: cpu resource utilization (percentage of request) above target",
                rescales.get(0).message());
        assertEquals(kind + "/default/app", rescales.get(0).object(), "the event names the target itself");
        assertTrue(expected.stream().anyMatch(v -> v == 6), "the run reaches maxReplicas: " + expected);

        ReplicaSet target = kind.equals("ReplicaSet") ? other.store().replicaSets().get("default", "app")
                : other.store().replicationControllers().get("default", "app");
        assertEquals(6, target.replicas(), "the HPA wrote spec.replicas through the scale subresource");
        assertEquals(6, activePodsOf(other, kind), "and the " + kind + "'s controller made the pods");
    }

    @Test
    @DisplayName("20.1, 1.3: an HPA whose scaleTargetRef is an Argo Rollout (argoproj.io/v1alpha1) scales it; the "
            + "Rollout controller sizes its ReplicaSet")
    void hpaScalesAnArgoRollout() throws Exception {
        String rollout = workload("Deployment").replace("apiVersion: apps/v1\nkind: Deployment",
                "apiVersion: argoproj.io/v1alpha1\nkind: Rollout").replace("---\n", """
                  strategy:
                    canary: {steps: [{setWeight: 50}]}
                ---
                """);
        String hpa = hpa("Rollout", "app").replace("apiVersion: apps/v1, kind: Rollout",
                "apiVersion: argoproj.io/v1alpha1, kind: Rollout");
        ClusterSimulation sim = run(rollout + hpa, scenario("8m", ""));
        List<ClusterEvent> rescales = events(sim, "SuccessfulRescale");
        assertEquals("New size: 4; reason: cpu resource utilization (percentage of request) above target",
                rescales.get(0).message());
        assertEquals("Rollout/default/app", rescales.get(0).object(), "the event names the Rollout");
        assertEquals(6, sim.store().rollouts().get("default", "app").replicas());
        assertEquals(6, activePodsOf(sim, "ReplicaSet"), "the Rollout's ReplicaSet made the pods");
        assertTrue(events(sim, "FailedGetScale").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ReplicationController, 'replicationcontrollers \"nope\" not found'",
            "ReplicaSet, 'replicasets.apps \"nope\" not found'",
            "StatefulSet, 'statefulsets.apps \"nope\" not found'",
            "Rollout, 'no matches for kind \"Rollout\" in group \"apps\"'",
            // a built-in kind without /scale: the REST mapper knows it, the subresource path is a 404
            "DaemonSet, 'the server could not find the requested resource'"})
    @DisplayName("1.7: a target the cluster does not have: FailedGetScale with the API server's error, nothing scaled")
    void missingTargetIsFailedGetScale(String kind, String message) throws Exception {
        ClusterSimulation sim = run(workload("ReplicaSet") + hpa(kind, "nope"), scenario("1m", ""));
        List<ClusterEvent> failed = events(sim, "FailedGetScale");
        assertEquals(4, failed.size(), "one per 15 s sync");
        assertEquals(message, failed.get(0).message());
        assertEquals(2, sim.store().replicaSets().get("default", "app").replicas());
    }

    @Test
    @DisplayName("6.1: a PodDisruptionBudget with maxUnavailable over a ReplicationController's pods takes its scale as expected: the drain evicts one at a time")
    void budgetOverAReplicationControllerUsesItsScale() throws Exception {
        String pdb = """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: app}
                spec:
                  maxUnavailable: 1
                  selector: {matchLabels: {app: app}}
                """;
        String manifests = workload("ReplicationController").replace("replicas: 2", "replicas: 3") + pdb;
        ClusterSimulation sim = run(manifests, scenario("4m", "{name: a, count: 1, allocatable: {cpu: \"8\", memory: "
                + "16Gi}}, {name: b, count: 0, allocatable: {cpu: \"8\", memory: 16Gi}}", """
                timeline:
                  - {at: 10s, addNodes: {pool: b, count: 1}}
                  - {at: 30s, drain: {node: a-1}}
                """));
        io.kubesim.sim.DrainRecord drain = sim.result().drains().get(0);
        assertTrue(drain.completed(), "expected = spec.replicas 3, so 1 disruption is allowed at a time");
        assertEquals(3, drain.evicted(), "all three started on a-1, the only node before 10 s");
        assertTrue(drain.evictionsBlocked() > 0, "the second and third evictions wait for a replacement to be Ready");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"replicaset, ReplicaSet", "replicationcontroller, ReplicationController"})
    @DisplayName("The timeline's scale sets spec.replicas of a ReplicaSet or a ReplicationController, as kubectl scale")
    void timelineScalesAReplicaSetOrAReplicationController(String field, String kind) throws Exception {
        ClusterSimulation sim = run(workload(kind), scenario("2m", """
                timeline:
                  - at: 30s
                    scale: {%s: app, replicas: 5}
                  - at: 90s
                    scale: {%s: default/app, replicas: 1}
                """.formatted(field, field)));
        List<ClusterEvent> creates = events(sim, "SuccessfulCreate");
        assertEquals(5, creates.size(), "2 at the start, 3 more at 30 s");
        assertEquals(3, creates.stream().filter(e -> e.time() == io.kubesim.engine.SimTime.seconds(30)).count());
        assertEquals(4, events(sim, "SuccessfulDelete").size(), "5 -> 1 at 90 s");
        assertEquals(1, activePodsOf(sim, kind));
        String source = kind.equals("ReplicaSet") ? "replicaset-controller" : "replication-controller";
        assertTrue(creates.stream().allMatch(e -> e.source().equals(source) && e.object().equals(kind + "/default/app")),
                "events as upstream's " + source + " records them");
    }
}
