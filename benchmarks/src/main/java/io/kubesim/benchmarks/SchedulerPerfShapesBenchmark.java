package io.kubesim.benchmarks;

import io.kubesim.api.Affinity;
import io.kubesim.api.Container;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.NodeAffinity;
import io.kubesim.api.NodeSelectorTerm;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Requirement;
import io.kubesim.api.Resources;
import io.kubesim.api.SelectorOperator;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Namespace;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.scheduler.Scheduler;
import io.kubesim.scheduler.SchedulerConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pods per second of wall time on upstream scheduler_perf's 5,000-node workloads
 * (test/integration/scheduler_perf/config/performance-config.yaml, the pod templates named
 * there): the init pods are placed during setup, then {@value #MEASURED} measured pods are
 * scheduled through the real engine, store watches and binds (default profile, decision log off).
 *
 * <ul>
 *   <li>{@code basic} (SchedulingBasic): 1,000 init and 1,000 measured pods of the default
 *       template (100m cpu, 500 MiB), no affinity;</li>
 *   <li>{@code unschedulable} (Unschedulable, 5000Nodes/200InitPods): 200 init pods too large for
 *       any node (33 cpu), left pending, then 1,000 measured default pods; the pending ones go
 *       back to the queue as pods are bound and fail again, each failure running preemption over
 *       every node (all pods at one priority, so no node has a victim);</li>
 *   <li>{@code podAntiAffinity} (SchedulingPodAntiAffinity): 1,000 init pods in sched-0, 1,000
 *       measured in sched-1, each labelled color=green with a required anti-affinity to
 *       color=green in both namespaces on kubernetes.io/hostname;</li>
 *   <li>{@code nodeAffinity} (SchedulingNodeAffinity): every node in zone1; 5,000 init and 1,000
 *       measured pods requiring topology.kubernetes.io/zone In (zone1, zone2);</li>
 *   <li>{@code preferredPodAntiAffinity} (SchedulingPreferredPodAntiAffinity): 5,000 init pods in
 *       sched-0, 1,000 measured in sched-1, labelled color=yellow with a preferred (weight 1)
 *       anti-affinity to color=yellow in both namespaces on kubernetes.io/hostname.</li>
 * </ul>
 * Upstream's CI floors at 5,000 nodes are about 810 pods/s for the basic shape and 60, 220 and 90 for
 * the three with affinity.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar SchedulerPerfShapesBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class SchedulerPerfShapesBenchmark {
    static final int MEASURED = 1000;
    static final int NODES = 5000;

    @Param({"basic", "unschedulable", "podAntiAffinity", "nodeAffinity", "preferredPodAntiAffinity"})
    public String shape;

    private Simulation sim;
    private Scheduler scheduler;
    private int expected;

    /** A fresh cluster with the init pods placed and the measured pods created before each invocation. */
    @Setup(Level.Invocation)
    public void setUp() {
        sim = new Simulation(1);
        ClusterStore store = new ClusterStore(sim);
        EventRecorder events = new EventRecorder(sim, false);
        for (String ns : List.of("sched-0", "sched-1")) {
            store.namespaces().create(new Namespace(new ObjectMeta("", ns, "uid-ns-" + ns)));
        }
        boolean oneZone = shape.equals("nodeAffinity"); // upstream labels every node zone1 there
        SchedulerBenchmark.addNodes(store, NODES, i -> oneZone ? "zone1" : "zone-" + (i % 3));
        scheduler = new Scheduler(store, events, SchedulerConfig.DEFAULTS.withDecisionLogCapacity(0));
        scheduler.start();
        if (shape.equals("unschedulable")) {
            // upstream's skipWaitToCompletion: the init pods are tried once and left pending
            createPods(store, "default", "init-", 200, Resources.of(33_000, 500L << 20));
            sim.runUntil(sim.now() + SimTime.seconds(1));
            createPods(store, "default", "measured-", MEASURED);
            expected = MEASURED;
            return;
        }
        int init = shape.equals("podAntiAffinity") || shape.equals("basic") ? 1000 : 5000;
        boolean oneNamespace = shape.equals("nodeAffinity") || shape.equals("basic");
        String initNamespace = oneNamespace ? "default" : "sched-0";
        String measuredNamespace = oneNamespace ? "default" : "sched-1";
        createPods(store, initNamespace, "init-", init);
        sim.runUntil(SimTime.NEVER);
        if (scheduler.scheduledCount() != init) {
            throw new IllegalStateException("placed " + scheduler.scheduledCount() + " of " + init + " init pods");
        }
        createPods(store, measuredNamespace, "measured-", MEASURED);
        expected = init + MEASURED;
    }

    private void createPods(ClusterStore store, String namespace, String prefix, int count) {
        createPods(store, namespace, prefix, count, Resources.of(100, 500L << 20));
    }

    private void createPods(ClusterStore store, String namespace, String prefix, int count, Resources requests) {
        PodSpec spec = spec(requests);
        Map<String, String> labels = switch (shape) {
            case "podAntiAffinity" -> Map.of("color", "green");
            case "preferredPodAntiAffinity" -> Map.of("color", "yellow");
            default -> Map.of();
        };
        for (int i = 0; i < count; i++) {
            ObjectMeta m = new ObjectMeta(namespace, prefix + i, "uid-" + namespace + "-" + prefix + i);
            m.setLabels(labels);
            store.pods().create(new Pod(m, spec, 0));
        }
    }

    private PodSpec spec(Resources r) {
        List<Container> containers = List.of(Container.of("pause", "registry.k8s.io/pause:3.5", r));
        Set<String> namespaces = Set.of("sched-0", "sched-1");
        Affinity affinity = switch (shape) {
            case "podAntiAffinity" -> new Affinity(null, PodAffinityTerm.Rules.NONE, new PodAffinityTerm.Rules(
                    List.of(new PodAffinityTerm(LabelSelector.of(Map.of("color", "green")), namespaces, null,
                            Node.LABEL_HOSTNAME)), List.of()));
            case "preferredPodAntiAffinity" -> new Affinity(null, PodAffinityTerm.Rules.NONE,
                    new PodAffinityTerm.Rules(List.of(), List.of(new PodAffinityTerm.Weighted(1, new PodAffinityTerm(
                            LabelSelector.of(Map.of("color", "yellow")), namespaces, null, Node.LABEL_HOSTNAME)))));
            case "nodeAffinity" -> new Affinity(new NodeAffinity(List.of(new NodeSelectorTerm(List.of(
                    new Requirement(Node.LABEL_ZONE, SelectorOperator.IN, List.of("zone1", "zone2"))), List.of())),
                    List.of()), PodAffinityTerm.Rules.NONE, PodAffinityTerm.Rules.NONE);
            case "basic", "unschedulable" -> Affinity.NONE;
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
        return new PodSpec(containers, List.of(), Map.of(), affinity, List.of(), List.of(), "", null, false,
                PodSpec.DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS, "", "", "Always", Resources.NONE, false);
    }

    /** Runs the engine until every measured pod is bound; returns the number placed. */
    @Benchmark
    @OperationsPerInvocation(MEASURED)
    public long schedulePods() {
        // a second of simulated time at a time: pending pods keep the scheduler's flush timers armed
        for (int s = 0; s < 3600 && scheduler.scheduledCount() < expected; s++) {
            sim.runUntil(sim.now() + SimTime.seconds(1));
        }
        if (scheduler.scheduledCount() != expected) {
            throw new IllegalStateException("placed " + scheduler.scheduledCount() + " of " + expected);
        }
        return scheduler.scheduledCount();
    }
}
