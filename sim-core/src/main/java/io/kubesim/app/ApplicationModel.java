package io.kubesim.app;

import io.kubesim.api.Container;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.Map;
import java.util.TreeMap;

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
 * @param usage         the CPU and memory its serving container (the pod's first) uses besides what
 *                      requests cost
 * @param initTime      how long each plain init container runs before it exits successfully, unless
 *                      its {@link ContainerModel} says otherwise
 * @param containers    what the scenario says about single containers, by container name
 *                      (key-sorted)
 * @param runTime       null (the app runs until stopped), or how long each app container runs before it
 *                      exits by itself: a run-to-completion container, as a Job's (measured from container start)
 * @param failureProbability the chance that such a container exits 1 (failed) rather than 0 when its
 *                      runTime is over, drawn from the kubelet's seeded stream; 0 by default
 */
public record ApplicationModel(DurationDistribution imagePullTime, DurationDistribution startupTime,
                               DurationDistribution shutdownTime, DurationDistribution crashAfter,
                               DurationDistribution preStopTime, ServingModel serving, ResourceUsage usage,
                               DurationDistribution initTime, Map<String, ContainerModel> containers,
                               DurationDistribution runTime, double failureProbability) {
    /** An init container's run time when the scenario gives none: 1 s (a small script or a copy). */
    public static final DurationDistribution DEFAULT_INIT_TIME = new DurationDistribution.Constant(SimTime.seconds(1));

    /** Documented defaults: 5 s pull, 2 s start-up, exits at once on SIGTERM, never crashes. */
    public static final ApplicationModel DEFAULT = new ApplicationModel(
            new DurationDistribution.Constant(SimTime.seconds(5)),
            new DurationDistribution.Constant(SimTime.seconds(2)),
            DurationDistribution.Constant.ZERO,
            null,
            DurationDistribution.Constant.ZERO,
            ServingModel.DEFAULT,
            ResourceUsage.DEFAULT);

    public ApplicationModel {
        initTime = initTime == null ? DEFAULT_INIT_TIME : initTime;
        containers = java.util.Collections.unmodifiableMap(new TreeMap<>(containers));
    }

    /** A model whose containers run until they are stopped (no runTime). */
    public ApplicationModel(DurationDistribution imagePullTime, DurationDistribution startupTime,
                            DurationDistribution shutdownTime, DurationDistribution crashAfter,
                            DurationDistribution preStopTime, ServingModel serving, ResourceUsage usage,
                            DurationDistribution initTime, Map<String, ContainerModel> containers) {
        this(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, serving, usage, initTime, containers,
                null, 0);
    }

    /** A model with the default init time and nothing said about single containers. */
    public ApplicationModel(DurationDistribution imagePullTime, DurationDistribution startupTime,
                            DurationDistribution shutdownTime, DurationDistribution crashAfter,
                            DurationDistribution preStopTime, ServingModel serving, ResourceUsage usage) {
        this(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, serving, usage, DEFAULT_INIT_TIME,
                Map.of());
    }

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
        return new ApplicationModel(imagePullTime, d, shutdownTime, crashAfter, preStopTime, serving, usage, initTime,
                containers, runTime, failureProbability);
    }

    public ApplicationModel withCrashAfter(DurationDistribution d) {
        return new ApplicationModel(imagePullTime, startupTime, shutdownTime, d, preStopTime, serving, usage, initTime,
                containers, runTime, failureProbability);
    }

    public ApplicationModel withUsage(ResourceUsage u) {
        return new ApplicationModel(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, serving, u, initTime,
                containers, runTime, failureProbability);
    }

    public ApplicationModel withServing(ServingModel s) {
        return new ApplicationModel(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, s, usage, initTime,
                containers, runTime, failureProbability);
    }

    public ApplicationModel withContainers(Map<String, ContainerModel> c) {
        return new ApplicationModel(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, serving, usage,
                initTime, c, runTime, failureProbability);
    }

    /** The same model with run-to-completion containers: {@code runTime}, failing with {@code failureProbability}. */
    public ApplicationModel withRunTime(DurationDistribution runTime, double failureProbability) {
        return new ApplicationModel(imagePullTime, startupTime, shutdownTime, crashAfter, preStopTime, serving, usage,
                initTime, containers, runTime, failureProbability);
    }

    /** How long the named app container runs before exiting by itself: its own runTime, else {@link #runTime}; null: forever. */
    public DurationDistribution runTimeOf(String container) {
        ContainerModel c = containers.get(container);
        return c == null || c.runTime() == null ? runTime : c.runTime();
    }

    /** The chance the named container fails when its runTime is over: its own, else {@link #failureProbability}. */
    public double failureProbabilityOf(String container) {
        ContainerModel c = containers.get(container);
        return c == null || c.failureProbability() == null ? failureProbability : c.failureProbability();
    }

    /**
     * The usage of one container of a pod of this workload: the workload's {@link #usage} for the
     * serving container ({@code serving}), the built-in default for the others, with what the
     * scenario sets for that container by name laid over it.
     */
    public ResourceUsage usageOf(Container container, boolean serving) {
        ResourceUsage base = serving ? usage : ResourceUsage.DEFAULT;
        ContainerModel c = containers.get(container.name());
        return c == null ? base : c.usage().over(base);
    }

    /** How long the named plain init container runs: its own {@code initTime}, else {@link #initTime}. */
    public DurationDistribution initTimeOf(String container) {
        ContainerModel c = containers.get(container);
        return c == null || c.initTime() == null ? initTime : c.initTime();
    }
}
