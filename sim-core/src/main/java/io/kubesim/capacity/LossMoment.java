package io.kubesim.capacity;

import io.kubesim.engine.SimTime;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import io.kubesim.traffic.OfferedLoad;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A moment at which losing a node hurts most, and why it was chosen: the middle of the busiest
 * minute of offered traffic (once its traffic has flowed for half a minute, so the busiest node
 * is known by the requests its pods served), and the start of each rollout, upgrade or drain in
 * the timeline (when capacity is already reduced). Without either, the middle of the run.
 *
 * @param at  virtual microseconds
 * @param why a few words for outputs, e.g. {@code peak traffic} or {@code rollout of frontend}
 */
public record LossMoment(long at, String why) {
    /** At most this many moments are tried; the peak first, then the earliest timeline actions. */
    public static final int MAX_MOMENTS = 8;

    static final long PEAK_WINDOW = SimTime.minutes(1);
    static final long PEAK_STEP = SimTime.seconds(10);

    /** The moments worth losing a node at in this scenario, in time order. */
    public static List<LossMoment> of(SimulationSpec spec) {
        TreeMap<Long, String> moments = new TreeMap<>();
        OfferedLoad load = new OfferedLoad(spec.traffic());
        long peak = load.busiestWindowStart(spec.duration(), PEAK_WINDOW, PEAK_STEP);
        if (peak >= 0) {
            double rate = load.average(peak, Math.min(spec.duration(), peak + PEAK_WINDOW));
            long at = Math.min(peak + PEAK_WINDOW / 2, Math.max(0, spec.duration() - 1));
            moments.put(at, String.format(Locale.ROOT, "peak traffic, %.0f req/s", rate));
        }
        for (TimelineAction a : spec.timeline()) {
            if (moments.size() >= MAX_MOMENTS || a.at() >= spec.duration()) {
                break;
            }
            String why = null;
            if (a instanceof TimelineAction.Rollout r) {
                why = "rollout of " + r.deployment();
            } else if (a instanceof TimelineAction.Upgrade u) {
                why = "upgrade of pool " + u.pool();
            } else if (a instanceof TimelineAction.Drain d) {
                why = "drain of " + d.node();
            }
            if (why != null) {
                moments.putIfAbsent(a.at(), why);
            }
        }
        if (moments.isEmpty()) {
            moments.put(spec.duration() / 2, "middle of the run");
        }
        List<LossMoment> out = new ArrayList<>();
        moments.forEach((t, why) -> out.add(new LossMoment(t, why)));
        return out;
    }
}
