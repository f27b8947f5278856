package io.kubesim.metrics;

import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples every registered {@link Gauge} at a fixed interval, from time 0, after all other work
 * of that instant (priority {@link Simulation#LATE}), so a sample sees the settled state.
 */
public final class Sampler {
    private final Simulation sim;
    private final long interval;
    private final TimeSeriesStore series;
    private final List<Gauge> gauges = new ArrayList<>();

    public Sampler(Simulation sim, long interval, TimeSeriesStore series) {
        if (interval <= 0) {
            throw new IllegalArgumentException("sample interval must be positive");
        }
        this.sim = sim;
        this.interval = interval;
        this.series = series;
    }

    public void add(Gauge g) {
        gauges.add(g);
    }

    /** Schedules samples at 0, interval, 2×interval ... up to and including {@code end}. */
    public void start(long end) {
        scheduleAt(sim.now(), end);
    }

    private void scheduleAt(long t, long end) {
        if (t > end) {
            return;
        }
        sim.scheduleAt(t, Simulation.LATE, () -> {
            for (Gauge g : gauges) {
                g.sample(t, series);
            }
            scheduleAt(t + interval, end);
        });
    }
}
