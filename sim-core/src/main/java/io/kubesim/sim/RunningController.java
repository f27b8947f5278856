package io.kubesim.sim;

import io.kubesim.metrics.Sampler;

/**
 * A controller the control plane started: what it adds to the sampled time series and to the
 * run's result. Most controllers add neither.
 */
public interface RunningController {
    /** A controller that reports nothing beyond its events. */
    RunningController SILENT = new RunningController() {
    };

    /** Adds the gauges this controller is sampled by. */
    default void addGauges(Sampler sampler) {
    }

    /** Writes this controller's section of the result. */
    default void report(ControllerReports reports, long now) {
    }

    /** Runs {@code start} and returns a controller that reports nothing. */
    static RunningController started(Runnable start) {
        start.run();
        return SILENT;
    }
}
