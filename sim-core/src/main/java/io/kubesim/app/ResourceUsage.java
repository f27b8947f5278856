package io.kubesim.app;

import io.kubesim.engine.SimTime;

/**
 * What a workload's application container uses besides what its requests cost (those come from
 * {@link ServingModel#cpuPerRequest()} and {@link ServingModel#memoryPerRequest()}): a CPU
 * baseline, a memory working set that may grow while the container runs (a leak, reset when the
 * container restarts), and periodic bursts of both.
 *
 * @param cpuBaseline          cores used with no requests
 * @param memoryBaseline       working-set bytes when the container starts;
 *                             {@link #MEMORY_FROM_REQUEST} takes the container's memory request
 * @param memoryGrowthPerSecond bytes the working set grows per second of the container's life
 * @param burst                null, or bursts every so often
 */
public record ResourceUsage(double cpuBaseline, long memoryBaseline, double memoryGrowthPerSecond, Burst burst) {
    /** {@link #memoryBaseline()} meaning "as much as the container requests". */
    public static final long MEMORY_FROM_REQUEST = -1;

    /** No usage given: memory as requested, no CPU beyond what requests cost. */
    public static final ResourceUsage DEFAULT = new ResourceUsage(0, MEMORY_FROM_REQUEST, 0, null);

    public ResourceUsage {
        if (cpuBaseline < 0 || memoryGrowthPerSecond < 0 || memoryBaseline < MEMORY_FROM_REQUEST) {
            throw new IllegalArgumentException("usage must not be negative");
        }
    }

    /**
     * Extra usage for {@code duration} every {@code every}, the first starting at {@code start}
     * (virtual time, the same instants for every pod of the workload, as a cron job or a daily
     * report would).
     */
    public record Burst(long start, long every, long duration, double cpu, long memory) {
        public Burst {
            if (every <= 0 || duration <= 0 || duration > every || start < 0 || cpu < 0 || memory < 0) {
                throw new IllegalArgumentException("a burst needs 0 < duration <= every, start >= 0, extra >= 0");
            }
        }

        /** Whether a burst is under way at {@code now}. */
        public boolean activeAt(long now) {
            return now >= start && (now - start) % every < duration;
        }

        /** The next instant after {@code now} when a burst starts or ends. */
        public long nextChange(long now) {
            if (now < start) {
                return start;
            }
            long cycleStart = start + (now - start) / every * every;
            long end = cycleStart + duration;
            return now < end ? end : cycleStart + every;
        }
    }

    /** Whether usage changes over time by itself (growth or bursts), not only with load. */
    public boolean changesOverTime() {
        return memoryGrowthPerSecond > 0 || burst != null;
    }

    /**
     * The working set at {@code now} of a container that started at {@code startedAt}, before what
     * requests hold.
     *
     * @param request the container's memory request, for {@link #MEMORY_FROM_REQUEST}
     */
    public double memoryAt(long now, long startedAt, long request) {
        double m = memoryBaseline == MEMORY_FROM_REQUEST ? request : memoryBaseline;
        m += memoryGrowthPerSecond * SimTime.toSeconds(Math.max(0, now - startedAt));
        if (burst != null && burst.activeAt(now)) {
            m += burst.memory();
        }
        return m;
    }

    /** CPU cores used at {@code now} before what requests cost. */
    public double cpuAt(long now) {
        return burst != null && burst.activeAt(now) ? cpuBaseline + burst.cpu() : cpuBaseline;
    }
}
