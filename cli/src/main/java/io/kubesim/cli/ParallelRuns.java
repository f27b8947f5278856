package io.kubesim.cli;

import io.kubesim.capacity.CapacityPlanner;
import io.kubesim.capacity.RunOutcome;
import io.kubesim.sim.SimulationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a batch of independent simulations on up to {@code jobs} threads, each a sequential run
 * of its own, and returns their outcomes in the order given: the capacity planner's runner.
 */
final class ParallelRuns implements CapacityPlanner.ScenarioRunner, AutoCloseable {
    private final ExecutorService pool;
    private final Progress progress;

    private final GuardOptions.Guards guards;

    ParallelRuns(int jobs, GuardOptions.Guards guards) {
        this(jobs, Progress.off(), guards);
    }

    /**
     * @param progress the line that shows how far the runs of the current batch are, together
     * @param guards   the runaway guard of each run
     */
    ParallelRuns(int jobs, Progress progress, GuardOptions.Guards guards) {
        this.progress = progress;
        this.guards = guards;
        this.pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "kubesim-run");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<RunOutcome> runAll(List<SimulationSpec> specs) {
        List<Future<RunOutcome>> futures = new ArrayList<>();
        BatchProgress batch = new BatchProgress(specs);
        progress.phase("capacity, " + specs.size() + (specs.size() == 1 ? " run" : " runs"));
        for (int i = 0; i < specs.size(); i++) {
            SimulationSpec s = specs.get(i);
            int run = i;
            futures.add(pool.submit(() -> CapacityPlanner.simulate(s, cluster -> {
                cluster.simulation().watch(guards.of(s.duration()));
                SlicedRun.run(cluster, s.duration(), (t, n) -> batch.slice(run, t, n));
            })));
        }
        List<RunOutcome> out = new ArrayList<>();
        try {
            for (Future<RunOutcome> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    /** The batch's runs added up: simulated time of all against the sum of their durations. */
    private final class BatchProgress {
        private final long[] simulated;
        private final long[] events;
        private final long total;

        BatchProgress(List<SimulationSpec> specs) {
            simulated = new long[specs.size()];
            events = new long[specs.size()];
            total = specs.stream().mapToLong(SimulationSpec::duration).sum();
        }

        synchronized void slice(int run, long t, long n) {
            simulated[run] = t;
            events[run] = n;
            progress.update(java.util.Arrays.stream(simulated).sum(), total, java.util.Arrays.stream(events).sum());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        progress.clear();
    }
}
