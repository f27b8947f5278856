package io.kubesim.traffic;

import java.util.ArrayList;
import java.util.List;

/**
 * The request rate offered at a scenario's entry points over time, read from their arrival
 * specs alone (no simulation): what the capacity planner uses to find the busiest moment.
 */
public final class OfferedLoad {
    private final List<ArrivalRates> rates = new ArrayList<>();

    public OfferedLoad(List<EntryPoint> entryPoints) {
        for (EntryPoint e : entryPoints) {
            rates.add(ArrivalRates.of(e.arrivals()));
        }
    }

    /** Requests per second at all entry points together, on average over {@code [from, to)}. */
    public double average(long from, long to) {
        double sum = 0;
        for (ArrivalRates r : rates) {
            sum += r.average(from, to);
        }
        return sum;
    }

    /**
     * The start of the busiest {@code window} within {@code [0, duration)}, among windows starting
     * on multiples of {@code step}; the earliest when several tie; -1 when nothing arrives at all.
     */
    public long busiestWindowStart(long duration, long window, long step) {
        long best = -1;
        double bestRate = 0;
        long lastStart = Math.max(0, duration - window);
        for (long t = 0; t <= lastStart; t += step) {
            double rate = average(t, Math.min(duration, t + window));
            if (rate > bestRate) {
                bestRate = rate;
                best = t;
            }
        }
        return best;
    }
}
