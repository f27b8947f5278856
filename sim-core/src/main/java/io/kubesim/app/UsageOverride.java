package io.kubesim.app;

/**
 * The {@link ResourceUsage} fields a scenario sets for one container by name
 * ({@code containers.<name>.usage}); a null field is not set and comes from the usage it is laid
 * over ({@link #over}).
 *
 * @param cpu                   cores used with no requests, or null
 * @param memory                working-set bytes at start, or null
 * @param memoryGrowthPerSecond bytes per second the working set grows, or null
 * @param burst                 periodic bursts, or null
 */
public record UsageOverride(Double cpu, Long memory, Double memoryGrowthPerSecond, ResourceUsage.Burst burst) {
    /** Sets nothing. */
    public static final UsageOverride NONE = new UsageOverride(null, null, null, null);

    /** {@code base} with the fields this sets replaced. */
    public ResourceUsage over(ResourceUsage base) {
        return new ResourceUsage(cpu != null ? cpu : base.cpuBaseline(),
                memory != null ? memory : base.memoryBaseline(),
                memoryGrowthPerSecond != null ? memoryGrowthPerSecond : base.memoryGrowthPerSecond(),
                burst != null ? burst : base.burst());
    }

    /** This, with the fields {@code more} sets taking precedence. */
    public UsageOverride then(UsageOverride more) {
        return new UsageOverride(more.cpu != null ? more.cpu : cpu, more.memory != null ? more.memory : memory,
                more.memoryGrowthPerSecond != null ? more.memoryGrowthPerSecond : memoryGrowthPerSecond,
                more.burst != null ? more.burst : burst);
    }
}
