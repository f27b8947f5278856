package io.kubesim.app;

import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;

/**
 * How a workload's application behaves, as the scenario describes it.
 *
 * @param imagePullTime time to pull the image on a node that does not have it
 * @param startupTime   time from container start until the app listens and its probes pass
 * @param shutdownTime  time from SIGTERM until the process exits by itself (SIGKILL at the end
 *                      of the grace period cuts it short)
 * @param crashAfter    null, or how long the app runs before it exits with an error (to model
 *                      crash loops); measured from container start
 * @param preStopTime   how long a preStop hook of unknown duration (httpGet, exec of a script) takes
 * @param serving       how it serves requests (concurrency, queue, service time, warm-up, SIGTERM)
 * @param usage         the CPU and memory its container uses besides what requests cost
 */
public record ApplicationModel(DurationDistribution imagePullTime, DurationDistribution startupTime,
                               DurationDistribution shutdownTime, DurationDistribution crashAfter,
                               DurationDistribution preStopTime, ServingModel serving, ResourceUsage usage) {
    /** Documented defaults: 5 s pull, 2 s start-up, exits at once on SIGTERM, never crashes. */
    public static final ApplicationModel DEFAULT = new ApplicationModel(
            new DurationDistribution.Constant(SimTime.seconds(5)),
            new DurationDistribution.Constant(SimTime.seconds(2)),
            DurationDistribution.Constant.ZERO,
            null,
            DurationDistribution.Constant.ZERO,
            ServingModel.DEFAULT,
            ResourceUsage.DEFAULT);

    /** A model with {@link ResourceUsage#DEFAULT} usage. */
    public ApplicationModel(DurationDistribution imagePullTime, DurationDistribution startupTime,
                            DurationDistribution shutdownTime, DurationDistribution crashAfter,
                            DurationDistribution preStopTime, ServingModel serving) {
        this(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, serving, ResourceUsage.DEFAULT);
    }

    /** A model that serves requests as {@link ServingModel#DEFAULT} does. */
    public ApplicationModel(DurationDistribution imagePullTime, DurationDistribution startupTime,
                            DurationDistribution shutdownTime, DurationDistribution crashAfter,
                            DurationDistribution preStopTime) {
        this(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, ServingModel.DEFAULT);
    }

    public ApplicationModel withStartupTime(DurationDistribution d) {
        return new ApplicationModel(imagePullTime, d, shutdownTime, crashAfter, preStopTime, serving, usage);
    }

    public ApplicationModel withCrashAfter(DurationDistribution d) {
        return new ApplicationModel(imagePullTime, startupTime, shutdownTime, d, preStopTime, serving, usage);
    }

    public ApplicationModel withUsage(ResourceUsage u) {
        return new ApplicationModel(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, serving, u);
    }

    public ApplicationModel withServing(ServingModel s) {
        return new ApplicationModel(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, s, usage);
    }
}
