package io.kubesim.capacity;

import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds the smallest size of one node pool at which a scenario meets its SLO in every failure
 * case: doubling from the lower bound until a size passes, then halving the gap to the largest
 * size that failed. It assumes more nodes never make things worse, so the count below the
 * answer has always been tried and failed (unless the answer is the lower bound).
 *
 * <p>The runs at one size are independent simulations, handed to the {@link ScenarioRunner} as
 * one batch; each is deterministic, so the answer does not depend on how the batch is run.
 */
public final class CapacityPlanner {
    private final ScenarioRunner runner;

    /** A planner that runs the scenarios one after the other with {@link #simulate}. */
    public CapacityPlanner() {
        this(specs -> specs.stream().map(CapacityPlanner::simulate).toList());
    }

    /** @param runner runs scenarios to their end (possibly at once) and reports what the SLO is judged on */
    public CapacityPlanner(ScenarioRunner runner) {
        this.runner = runner;
    }

    /**
     * Runs a batch of independent scenarios. One run is one sequential event loop; a runner may
     * run several on threads of its own (the CLI does), outside sim-core.
     */
    @FunctionalInterface
    public interface ScenarioRunner {
        /** The outcome of each scenario, in the order given. */
        List<RunOutcome> runAll(List<SimulationSpec> specs);
    }

    /**
     * What to size.
     *
     * @param base     the scenario
     * @param pool     the name of the node pool to size (its count is what the search varies)
     * @param shape    the machine type to give it, or null to keep the pool's own
     * @param slo      what every run must meet
     * @param failures the runs to make at each size ({@link FailureCase#all})
     * @param minNodes the lowest count to try (at least 1)
     * @param maxNodes the highest count to try
     */
    public record Question(SimulationSpec base, String pool, NodeShape shape, Slo slo, List<FailureCase> failures,
                           int minNodes, int maxNodes) {
        public Question {
            failures = List.copyOf(failures);
            if (minNodes < 1 || maxNodes < minNodes) {
                throw new IllegalArgumentException("need 1 <= minNodes <= maxNodes");
            }
        }
    }

    public CapacityAnswer answer(Question q) {
        return answer(q, runs -> { });
    }

    /** The answer, telling {@code progress} the runs at each size as soon as they are done. */
    public CapacityAnswer answer(Question q, Consumer<List<CapacityRun>> progress) {
        NodePool pool = pool(q.base(), q.pool());
        NodeShape shape = q.shape() != null ? q.shape()
                : new NodeShape("", pool.allocatable(), pool.maxPods(), Double.NaN);
        List<CapacityRun> order = new ArrayList<>();
        int failedBelow = q.minNodes() - 1;
        int passed = -1;
        int n = q.minNodes();
        while (true) {
            if (passesAt(q, n, order, progress)) {
                passed = n;
                break;
            }
            failedBelow = n;
            if (n == q.maxNodes()) {
                break;
            }
            n = (int) Math.min(q.maxNodes(), 2L * n);
        }
        if (passed > 0) {
            while (passed - failedBelow > 1) {
                int mid = failedBelow + (passed - failedBelow) / 2;
                if (passesAt(q, mid, order, progress)) {
                    passed = mid;
                } else {
                    failedBelow = mid;
                }
            }
        }
        return new CapacityAnswer(shape, passed, q.minNodes(), q.maxNodes(), order);
    }

    /** Runs every failure case at {@code count} nodes; true when all met the SLO. */
    private boolean passesAt(Question q, int count, List<CapacityRun> order, Consumer<List<CapacityRun>> progress) {
        SimulationSpec sized = sized(q.base(), q.pool(), q.shape(), count);
        List<SimulationSpec> specs = new ArrayList<>();
        for (FailureCase f : q.failures()) {
            specs.add(f.apply(sized, q.pool()));
        }
        List<RunOutcome> outcomes = runner.runAll(specs);
        List<CapacityRun> runs = new ArrayList<>();
        boolean met = true;
        for (int i = 0; i < specs.size(); i++) {
            CapacityRun r = new CapacityRun(count, q.failures().get(i), outcomes.get(i),
                    q.slo().violations(outcomes.get(i)));
            met &= r.met();
            runs.add(r);
        }
        order.addAll(runs);
        progress.accept(runs);
        return met;
    }

    /** Runs a scenario to its end, keeping no events, and reports what the SLO is judged on. */
    public static RunOutcome simulate(SimulationSpec spec) {
        return simulate(spec, cluster -> cluster.run(spec.duration()));
    }

    /**
     * As {@link #simulate(SimulationSpec)}, with {@code runToEnd} running the cluster to the
     * scenario's end: the CLI runs it in slices of virtual time to show its progress line.
     */
    public static RunOutcome simulate(SimulationSpec spec, Consumer<ClusterSimulation> runToEnd) {
        ClusterSimulation cluster = new ClusterSimulation(spec,
                new ClusterSimulation.Options(false, null, null, 0, null, null));
        runToEnd.accept(cluster);
        return RunOutcome.of(cluster.result(), spec.traffic());
    }

    /** The scenario with {@code pool} at {@code count} nodes, on {@code shape} unless that is null. */
    static SimulationSpec sized(SimulationSpec base, String poolName, NodeShape shape, int count) {
        List<NodePool> pools = new ArrayList<>();
        for (NodePool p : base.nodePools()) {
            if (p.name().equals(poolName)) {
                NodePool sizedPool = p.withCount(count);
                if (shape != null) {
                    sizedPool = sizedPool.withShape(shape.allocatable(), shape.maxPods(), shape.name().isEmpty()
                            ? Map.of() : Map.of("node.kubernetes.io/instance-type", shape.name()));
                }
                pools.add(sizedPool);
            } else {
                pools.add(p);
            }
        }
        return base.withNodePools(pools);
    }

    private static NodePool pool(SimulationSpec spec, String name) {
        for (NodePool p : spec.nodePools()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no node pool named " + name);
    }
}
