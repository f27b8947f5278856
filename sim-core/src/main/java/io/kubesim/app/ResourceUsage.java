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
 *                             {@link #MEMORY_DEFAULT} takes {@link #defaultWorkingSet half} the
 *                             container's memory request
 * @param memoryGrowthPerSecond bytes the working set grows per second of the container's life
 * @param burst                null, or bursts every so often
 */
public record ResourceUsage(double cpuBaseline, long memoryBaseline, double memoryGrowthPerSecond, Burst burst) {
    /** {@link #memoryBaseline()} meaning "the documented default", {@link #defaultWorkingSet}. */
    public static final long MEMORY_DEFAULT = -1;

    /**
     * No usage given: the default working set (half the memory request), no CPU beyond what
     * requests cost. It can never invent a failure: see {@link #defaultWorkingSet}.
     */
    public static final ResourceUsage DEFAULT = new ResourceUsage(0, MEMORY_DEFAULT, 0, null);

    public ResourceUsage {
        if (cpuBaseline < 0 || memoryGrowthPerSecond < 0 || memoryBaseline < MEMORY_DEFAULT) {
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
     * @param request the container's memory request, for {@link #MEMORY_DEFAULT}
     */
    public double memoryAt(long now, long startedAt, long request) {
        double m = memoryBaseline == MEMORY_DEFAULT ? defaultWorkingSet(request) : memoryBaseline;
        m += memoryGrowthPerSecond * SimTime.toSeconds(Math.max(0, now - startedAt));
        if (burst != null && burst.activeAt(now)) {
            m += burst.memory();
        }
        return m;
    }

    /**
     * The working set of a container whose scenario says nothing about its memory: half its memory
     * request (0 without one), rounded down. Because a request never exceeds its limit (and a
     * limits-only manifest gets request = limit), this stays strictly below any limit, so no
     * container is OOM-killed by kubesim's own default, with half the request left for what
     * {@code memoryPerRequest} load adds; and a node whose pods fit their requests into its
     * allocatable keeps at least half of it free, far from the eviction threshold.
     */
    public static long defaultWorkingSet(long memoryRequest) {
        return Math.max(0, memoryRequest) / 2;
    }

    /** CPU cores used at {@code now} before what requests cost. */
    public double cpuAt(long now) {
        return burst != null && burst.activeAt(now) ? cpuBaseline + burst.cpu() : cpuBaseline;
    }
}
