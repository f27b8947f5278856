package io.kubesim.benchmarks;

import io.kubesim.api.Container;
import io.kubesim.api.DaemonSetUpdateStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.controllers.daemonset.DaemonSetController;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the DaemonSet controller costs with one DaemonSet on every node of a {@code nodes}-node
 * cluster, the controller alone (no scheduler or kubelets, so the pods stay Pending):
 * {@code startup} is one cluster's first syncs, from the DaemonSet's creation until it has a pod
 * on every node (creations in bursts of 250, each burst's sync visiting the nodes still without a
 * pod); {@code nodeAdded} is the work one new node causes once the DaemonSet is settled: the
 * node's watch event, the sync that creates its pod, and the sync that pod's own watch event
 * triggers; {@code podReady} is one daemon pod turning Ready (its watch event, the sync, the
 * status write and the sync that triggers). The last two should not grow with {@code nodes}: a
 * sync visits only the nodes whose answer or pods changed.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar DaemonSetControllerBenchmark -f 1 -wi 2 -i 3}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DaemonSetControllerBenchmark {

    /** A cluster of {@code nodes} nodes with a DaemonSet controller started and nothing synced yet. */
    @State(Scope.Thread)
    public static class Cluster {
        @Param({"1000", "5000"})
        public int nodes;

        Simulation sim;
        ClusterStore store;
        DaemonSet ds;
        int added;

        void build() {
            sim = new Simulation(1);
            store = new ClusterStore(sim);
            EventRecorder events = new EventRecorder(sim, false);
            for (int i = 0; i < nodes; i++) {
                addNode("node-" + i);
            }
            new DaemonSetController(store, events, 0).start();
            PodSpec spec = PodSpec.of(List.of(Container.of("agent", "agent:1", Resources.of(100, 128L << 20))));
            ObjectMeta m = new ObjectMeta("kube-system", "agent", store.newUid());
            ds = store.daemonSets().create(new DaemonSet(m, LabelSelector.of(Map.of("app", "agent")),
                    new PodTemplate(Map.of("app", "agent"), Map.of(), spec), DaemonSetUpdateStrategy.DEFAULT_ROLLING, 0,
                    10));
        }

        Node addNode(String name) {
            Resources size = Resources.of(32_000, 128L << 30);
            ObjectMeta m = new ObjectMeta("", name, store.newUid());
            m.setLabels(Map.of(Node.LABEL_HOSTNAME, name, Node.LABEL_ZONE, "zone-" + (name.hashCode() & 3)));
            return store.nodes().create(new Node(m, "bench", size, size, 110, List.of(), sim.now()));
        }

        int daemonPods() {
            return store.podsByOwner().get(ds.metadata().uid()).size();
        }
    }

    /** The same cluster, settled: a pod on every node. */
    @State(Scope.Thread)
    public static class Settled extends Cluster {
        Node extra;
        /** The pods created since the last teardown (an observer: no events, no walk of every pod). */
        final List<Pod> created = new ArrayList<>();

        @Setup(Level.Trial)
        public void settle() {
            build();
            sim.runUntil(SimTime.NEVER);
            store.pods().observe((type, p) -> {
                if (type == WatchEventType.ADDED) {
                    created.add(p);
                }
            });
        }

        /** Takes the added node and its pod away again, so every invocation sees {@code nodes} nodes. */
        @TearDown(Level.Invocation)
        public void removeExtra() {
            for (Pod p : created) {
                store.pods().remove(p);
            }
            created.clear();
            store.nodes().remove(extra);
            sim.runUntil(SimTime.NEVER);
        }
    }

    /** The settled cluster, with one daemon pod bound to its node, made ready and made unready again per invocation. */
    @State(Scope.Thread)
    public static class SettledReady extends Cluster {
        List<Pod> pods;
        Pod readied;
        int next;

        @Setup(Level.Trial)
        public void settle() {
            build();
            sim.runUntil(SimTime.NEVER);
            pods = new ArrayList<>(store.podsByOwner().get(ds.metadata().uid()));
        }

        /** Makes the pod unready again, so every invocation sees one ready pod at most. */
        @TearDown(Level.Invocation)
        public void unready() {
            readied.readyCondition().set(ConditionStatus.FALSE, "", "", sim.now());
            store.pods().update(readied);
            sim.runUntil(SimTime.NEVER);
        }
    }

    /** A fresh, unsynced cluster before each invocation. */
    @State(Scope.Thread)
    public static class Fresh extends Cluster {
        @Setup(Level.Invocation)
        public void setUp() {
            build();
        }
    }

    /** From the DaemonSet's creation to a pod on every node. */
    @Benchmark
    public int startup(Fresh c) {
        c.sim.runUntil(SimTime.NEVER);
        if (c.daemonPods() != c.nodes) {
            throw new IllegalStateException(c.daemonPods() + " pods on " + c.nodes + " nodes");
        }
        return c.daemonPods();
    }

    /** One daemon pod of a settled cluster becomes Ready; the controller counts it in the status. */
    @Benchmark
    public int podReady(SettledReady c) {
        Pod p = c.pods.get(c.next++ % c.pods.size());
        c.readied = p;
        p.readyCondition().set(ConditionStatus.TRUE, "", "", c.sim.now());
        c.store.pods().update(p);
        c.sim.runUntil(SimTime.NEVER);
        if (c.ds.status().numberReady() != 1) {
            throw new IllegalStateException(c.ds.status().numberReady() + " ready");
        }
        return c.ds.status().numberReady();
    }

    /** One node joins a settled cluster; the controller gives it its pod. */
    @Benchmark
    public int nodeAdded(Settled c) {
        c.extra = c.addNode("extra-" + (c.added++));
        c.sim.runUntil(SimTime.NEVER);
        if (c.daemonPods() != c.nodes + 1) {
            throw new IllegalStateException(c.daemonPods() + " pods on " + (c.nodes + 1) + " nodes");
        }
        return c.daemonPods();
    }
}
