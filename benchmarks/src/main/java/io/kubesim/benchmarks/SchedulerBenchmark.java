package io.kubesim.benchmarks;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.cluster.ClusterStore;
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
 * How many pods per second of wall time the scheduler places: {@value #PODS} identical pods
 * (100m cpu, 128 MiB; the "SchedulingBasic" shape of upstream's scheduler_perf) onto an empty
 * cluster of {@code nodes} nodes (32 cpu, 128 GiB, three zones), through the real engine, store
 * watches and binds, with the default profile and the decision log off (as in a large run).
 * The score is pods/s (ops/s, one op per pod). Upstream's CI floor at 5,000 nodes is about 810
 * pods/s; kubesim's long-term goal is about 40,000.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar SchedulerBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class SchedulerBenchmark {
    static final int PODS = 5000;

    @Param({"1000", "5000"})
    public int nodes;

    private Simulation sim;
    private Scheduler scheduler;

    /** A fresh cluster with the pods created (not yet scheduled) before each invocation. */
    @Setup(Level.Invocation)
    public void setUp() {
        sim = new Simulation(1);
        ClusterStore store = new ClusterStore(sim);
        EventRecorder events = new EventRecorder(sim, false);
        addNodes(store, nodes, i -> "zone-" + (i % 3));
        scheduler = new Scheduler(store, events, SchedulerConfig.DEFAULTS.withDecisionLogCapacity(0));
        scheduler.start();
        PodSpec spec = PodSpec.of(List.of(Container.of("app", "app:1", Resources.of(100, 128L << 20))));
        for (int i = 0; i < PODS; i++) {
            ObjectMeta m = new ObjectMeta("default", "pod-" + i, "uid-pod-" + i);
            m.setLabels(Map.of("app", "bench"));
            store.pods().create(new Pod(m, spec, 0));
        }
    }

    /** Adds {@code count} nodes of 32 cpu and 128 GiB, {@code node-i} in zone {@code zoneOf(i)}. */
    static void addNodes(ClusterStore store, int count, java.util.function.IntFunction<String> zoneOf) {
        Resources nodeSize = Resources.of(32_000, 128L << 30);
        for (int i = 0; i < count; i++) {
            ObjectMeta m = new ObjectMeta("", "node-" + i, "uid-node-" + i);
            m.setLabels(Map.of(Node.LABEL_HOSTNAME, "node-" + i, Node.LABEL_ZONE, zoneOf.apply(i)));
            store.nodes().create(new Node(m, "bench", nodeSize, nodeSize, 110, List.of(), 0));
        }
    }

    /** Runs the engine until every pod is bound; returns the number placed. */
    @Benchmark
    @OperationsPerInvocation(PODS)
    public long schedulePods() {
        sim.runUntil(SimTime.NEVER);
        if (scheduler.scheduledCount() != PODS) {
            throw new IllegalStateException("placed " + scheduler.scheduledCount() + " of " + PODS);
        }
        return scheduler.scheduledCount();
    }
}
