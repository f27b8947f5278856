package io.kubesim.scenarios.scenario;

import io.kubesim.app.ResourceUsage;
import io.kubesim.app.UsageOverride;

/**
 * Reads an application's {@code usage}: the CPU baseline (cores), the memory working set at start,
 * its growth per minute (a leak) and periodic bursts. Fields left out come from {@code base}.
 */
final class UsageReader {
    private UsageReader() {
    }

    static ResourceUsage read(ScenarioNode n, ResourceUsage base) {
        if (!n.isPresent()) {
            return base;
        }
        return readOverride(n).over(base);
    }

    /** The fields {@code n} sets, the others null; {@link UsageOverride#NONE} when absent. */
    static UsageOverride readOverride(ScenarioNode n) {
        if (!n.isPresent()) {
            return UsageOverride.NONE;
        }
        n.object("Usage");
        Double cpu = n.get("cpu").isPresent() ? cores(n.get("cpu")) : null;
        Long memory = n.get("memory").isPresent() ? ServingReader.bytes(n.get("memory")) : null;
        Double growth = n.get("memoryGrowthPerMinute").isPresent()
                ? ServingReader.bytes(n.get("memoryGrowthPerMinute")) / 60.0 : null;
        ResourceUsage.Burst burst = n.get("burst").isPresent() ? burst(n.get("burst")) : null;
        return new UsageOverride(cpu, memory, growth, burst);
    }

    private static ResourceUsage.Burst burst(ScenarioNode n) {
        n.object("UsageBurst");
        long every = n.required("every").positiveDuration();
        long duration = n.required("duration").positiveDuration();
        if (duration > every) {
            throw n.get("duration").error("a burst cannot last longer than the time between bursts (every: "
                    + n.get("every").scalarText() + ")");
        }
        long start = n.get("start").isPresent() ? n.get("start").duration() : every;
        if (start < 0) {
            throw n.get("start").error("must not be negative");
        }
        double cpu = n.get("cpu").isPresent() ? cores(n.get("cpu")) : 0;
        long memory = n.get("memory").isPresent() ? ServingReader.bytes(n.get("memory")) : 0;
        if (cpu == 0 && memory == 0) {
            throw n.error("a burst needs extra cpu or memory (or both)");
        }
        return new ResourceUsage.Burst(start, every, duration, cpu, memory);
    }

    /** A CPU quantity (2, 500m, 0.25) as cores. */
    static double cores(ScenarioNode n) {
        return NodePoolReader.milli(n, NodePoolReader.quantity(n)) / 1000.0;
    }
}
