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

    ParallelRuns(int jobs) {
        this.pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "kubesim-run");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<RunOutcome> runAll(List<SimulationSpec> specs) {
        List<Future<RunOutcome>> futures = new ArrayList<>();
        for (SimulationSpec s : specs) {
            futures.add(pool.submit(() -> CapacityPlanner.simulate(s)));
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

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
