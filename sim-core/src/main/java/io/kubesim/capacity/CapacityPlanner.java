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
     * @param replications runs of each failure case at each size, under {@link io.kubesim.sim.ReplicationSeeds}
     * @param confidence   the confidence at which the SLO must hold over the replications (0.95)
     */
    public record Question(SimulationSpec base, String pool, NodeShape shape, Slo slo, List<FailureCase> failures,
                           int minNodes, int maxNodes, int replications, double confidence) {
        public static final double DEFAULT_CONFIDENCE = 0.95;

        public Question {
            failures = List.copyOf(failures);
            if (minNodes < 1 || maxNodes < minNodes) {
                throw new IllegalArgumentException("need 1 <= minNodes <= maxNodes");
            }
            if (replications < 1 || !(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("need replications >= 1 and 0 < confidence < 1");
            }
        }

        /** One run per failure case and size. */
        public Question(SimulationSpec base, String pool, NodeShape shape, Slo slo, List<FailureCase> failures,
                        int minNodes, int maxNodes) {
            this(base, pool, shape, slo, failures, minNodes, maxNodes, 1, DEFAULT_CONFIDENCE);
        }
    }

    public CapacityAnswer answer(Question q) {
        return answer(q, runs -> { });
    }

    /** The answer, telling {@code progress} each size's verdicts as soon as its runs are done. */
    public CapacityAnswer answer(Question q, Consumer<List<SizeVerdict>> progress) {
        NodePool pool = pool(q.base(), q.pool());
        NodeShape shape = q.shape() != null ? q.shape()
                : new NodeShape("", pool.allocatable(), pool.maxPods(), Double.NaN);
        List<CapacityRun> order = new ArrayList<>();
        List<SizeVerdict> verdicts = new ArrayList<>();
        int failedBelow = q.minNodes() - 1;
        int passed = -1;
        int n = q.minNodes();
        while (true) {
            if (passesAt(q, n, order, verdicts, progress)) {
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
                if (passesAt(q, mid, order, verdicts, progress)) {
                    passed = mid;
                } else {
                    failedBelow = mid;
                }
            }
        }
        String monotonicity = null;
        if (passed > 0 && passed < q.maxNodes()) {
            // the search assumes more nodes never hurt: check it on the size above the answer
            int next = passed + 1;
            List<SizeVerdict> tried = verdicts.stream().filter(v -> v.nodes() == next).toList();
            boolean above = tried.isEmpty() ? passesAt(q, next, order, verdicts, progress)
                    : tried.stream().allMatch(SizeVerdict::met);
            monotonicity = above ? null : (passed + 1) + " nodes miss the SLO although " + passed + " meet it: more "
                    + "nodes did not help here (placement, or seed noise: try more --replications); the answer is "
                    + "the smallest passing count the search found";
        }
        CapacityAnswer answer = new CapacityAnswer(shape, passed, q.minNodes(), q.maxNodes(), order, verdicts,
                monotonicity, null);
        return answer.explained(CapacityBounds.explain(q.base(), answer));
    }

    /**
     * Runs every failure case at {@code count} nodes under each replication seed; true when every
     * case met the SLO at the question's confidence over its replications.
     */
    private boolean passesAt(Question q, int count, List<CapacityRun> order, List<SizeVerdict> verdicts,
                             Consumer<List<SizeVerdict>> progress) {
        SimulationSpec sized = sized(q.base(), q.pool(), q.shape(), count);
        List<Long> seeds = io.kubesim.sim.ReplicationSeeds.of(q.base().seed(), q.replications());
        List<SimulationSpec> specs = new ArrayList<>();
        for (FailureCase f : q.failures()) {
            for (long seed : seeds) {
                specs.add(f.apply(sized.with(seed, sized.duration()), q.pool()));
            }
        }
        List<RunOutcome> outcomes = runner.runAll(specs);
        List<CapacityRun> runs = new ArrayList<>();
        List<SizeVerdict> here = new ArrayList<>();
        boolean met = true;
        for (int c = 0; c < q.failures().size(); c++) {
            List<RunOutcome> caseRuns = outcomes.subList(c * seeds.size(), (c + 1) * seeds.size());
            for (int r = 0; r < seeds.size(); r++) {
                runs.add(new CapacityRun(count, q.failures().get(c), caseRuns.get(r),
                        q.slo().violations(caseRuns.get(r)), r + 1));
            }
            SizeVerdict v = new SizeVerdict(count, q.failures().get(c), q.slo().judge(caseRuns, q.confidence()));
            met &= v.met();
            here.add(v);
        }
        verdicts.addAll(here);
        order.addAll(runs);
        progress.accept(here);
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
