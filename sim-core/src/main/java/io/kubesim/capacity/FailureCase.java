package io.kubesim.capacity;

import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the runs made at a given size: the scenario as written, or with the busiest node (or
 * zone) of the sized pool lost at one moment.
 */
public record FailureCase(Loss loss, LossMoment moment) {
    public static final FailureCase AS_WRITTEN = new FailureCase(Loss.NONE, null);

    /** The scenario to run: the timeline with the loss added. */
    SimulationSpec apply(SimulationSpec spec, String pool) {
        if (loss == Loss.NONE) {
            return spec;
        }
        List<TimelineAction> timeline = new ArrayList<>(spec.timeline());
        TimelineAction fail = new TimelineAction.FailBusiest(moment.at(), loss == Loss.ZONE ? "" : pool,
                loss == Loss.ZONE);
        int i = 0;
        while (i < timeline.size() && timeline.get(i).at() <= moment.at()) {
            i++;
        }
        timeline.add(i, fail);
        return spec.withTimeline(timeline);
    }

    /** For outputs: {@code as written}, or e.g. {@code busiest node lost at 5m (peak traffic, 120 req/s)}. */
    public String describe() {
        if (loss == Loss.NONE) {
            return "as written";
        }
        return "busiest " + loss.label() + " lost at " + Slo.time(moment.at()) + " (" + moment.why() + ")";
    }

    /** The runs to make at each size: the scenario as written, then one per moment when a loss is asked for. */
    public static List<FailureCase> all(Loss loss, List<LossMoment> moments) {
        List<FailureCase> out = new ArrayList<>();
        out.add(AS_WRITTEN);
        if (loss != Loss.NONE) {
            for (LossMoment m : moments) {
                out.add(new FailureCase(loss, m));
            }
        }
        return out;
    }
}
