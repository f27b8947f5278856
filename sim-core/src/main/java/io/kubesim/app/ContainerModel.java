package io.kubesim.app;

import io.kubesim.engine.DurationDistribution;

/**
 * What the scenario says about one container of a workload, found by the container's name
 * ({@code applications.<workload>.containers.<name>}): its resource usage and, for a plain init
 * container, how long it runs.
 *
 * @param usage    usage fields set for this container, laid over the container's base usage
 * @param initTime how long this init container runs before it exits successfully; null: the
 *                 application's {@link ApplicationModel#initTime()}
 * @param runTime  how long this app container runs before it exits by itself; null: the application's
 * @param failureProbability the chance it then exits 1; null: the application's
 */
public record ContainerModel(UsageOverride usage, DurationDistribution initTime, DurationDistribution runTime,
                             Double failureProbability) {
    public static final ContainerModel NONE = new ContainerModel(UsageOverride.NONE, null);

    /** A container model that says nothing about run time. */
    public ContainerModel(UsageOverride usage, DurationDistribution initTime) {
        this(usage, initTime, null, null);
    }

    public ContainerModel {
        usage = usage == null ? UsageOverride.NONE : usage;
    }

    /** This, with what {@code more} sets taking precedence (a workload's entry over the default's). */
    public ContainerModel then(ContainerModel more) {
        return new ContainerModel(usage.then(more.usage), more.initTime != null ? more.initTime : initTime,
                more.runTime != null ? more.runTime : runTime,
                more.failureProbability != null ? more.failureProbability : failureProbability);
    }
}
