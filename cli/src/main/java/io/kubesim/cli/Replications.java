package io.kubesim.cli;

import io.kubesim.reports.SummaryReport;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.TrafficMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replications of a run: the same scenario under derived seeds, each a sequential simulation of
 * its own, run on up to {@code jobs} threads and gathered in replication order, so the result
 * does not depend on the thread count. Replication 1 is the scenario's own seed; replication
 * {@code i} uses {@link #seed}. A sweep gives every point the same seeds (common random numbers),
 * so that differences between points are not seed noise.
 */
public final class Replications {
    private Replications() {
    }

    /** The seed of replication {@code i} (from 1): the base seed, then SplitMix64 steps from it. */
    public static long seed(long base, int i) {
        return io.kubesim.sim.ReplicationSeeds.seed(base, i);
    }

    /** The seeds of {@code n} replications of a scenario with seed {@code base}. */
    public static List<Long> seeds(long base, int n) {
        return io.kubesim.sim.ReplicationSeeds.of(base, n);
    }

    /** summary.json maps of the scenario under each seed (wallSeconds 0), in seed order. */
    static List<Map<String, Object>> summaries(SimulationSpec spec, List<Long> seeds, TrafficMode mode, int jobs,
                                               GuardOptions.Guards guards) {
        List<java.util.concurrent.Callable<Map<String, Object>>> tasks = new ArrayList<>();
        for (long seed : seeds) {
            SimulationSpec s = spec.with(seed, spec.duration());
            tasks.add(() -> {
                ClusterSimulation c = new ClusterSimulation(s,
                        ClusterSimulation.Options.streaming(null, null).withTrafficMode(mode));
                c.simulation().watch(guards.of(s.duration()));
                c.run(s.duration());
                return SummaryReport.build(c.result(), 0);
            });
        }
        return InOrder.run(jobs, "kubesim-replication", tasks, n -> { });
    }
}
