package io.kubesim.scenarios.scenario;

import io.kubesim.engine.DurationDistribution;
import io.kubesim.scenarios.Limits;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.RateSeries;
import io.kubesim.traffic.RateShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an entry point's {@code arrivals}: exactly one of {@code constant}, {@code ramp},
 * {@code steps}, {@code diurnal}, {@code spikes} (built with {@link RateShapes}), {@code trace}
 * (read by {@link TraceArrivalsReader}) or {@code closedLoop} (virtual users). Rates are requests
 * per second, 0 or more.
 */
final class ArrivalsReader {
    private static final String RATE = "a rate in requests per second";
    private static final long DAY = 24L * 3600 * 1_000_000;

    private final TraceArrivalsReader traces;
    private final long horizon;

    /** {@code horizon}: how far smooth shapes (diurnal) are stepped, the scenario's duration. */
    ArrivalsReader(TraceArrivalsReader traces, long horizon) {
        this.traces = traces;
        this.horizon = horizon;
    }

    ArrivalSpec read(ScenarioNode n, ScenarioNode poissonNode) {
        n.object("Arrivals");
        Map<String, ScenarioNode> entries = n.entries();
        if (entries.size() != 1) {
            throw n.error("expected exactly one of " + String.join(", ", ScenarioFormat.ARRIVALS) + ", got "
                    + (entries.isEmpty() ? "none" : String.join(" and ", entries.keySet())));
        }
        boolean poisson = !poissonNode.isPresent() || poissonNode.bool();
        var e = entries.entrySet().iterator().next();
        ScenarioNode d = e.getValue();
        if (e.getKey().equals("trace")) {
            return withinLimit(d, traces.read(d, poisson, poissonNode));
        }
        if (e.getKey().equals("closedLoop")) {
            if (poissonNode.isPresent()) {
                throw poissonNode.error("poisson does not apply to closedLoop arrivals: each user sends when its"
                        + " previous request has answered and its think time has passed");
            }
            return closedLoop(d.object("ClosedLoop"));
        }
        RateSeries series = switch (e.getKey()) {
            case "constant" -> RateShapes.constant(d.nonNegativeNumber(RATE));
            case "ramp" -> ramp(d.object("Ramp"));
            case "steps" -> steps(d);
            case "diurnal" -> diurnal(d.object("Diurnal"));
            default -> spikes(d.object("Spikes"));
        };
        return withinLimit(d, new ArrivalSpec.Rate(series, poisson));
    }

    /**
     * A rate shape whose peak is at most {@link Limits#MAX_RATE}: above it, counts of a long run
     * would overflow, and no real service takes a billion requests a second at one entry point.
     */
    private static ArrivalSpec withinLimit(ScenarioNode d, ArrivalSpec spec) {
        if (spec instanceof ArrivalSpec.Rate r && r.series().peak() > Limits.MAX_RATE) {
            throw d.error("the arrivals reach " + String.format(Locale.ROOT, "%.4g", r.series().peak())
                    + " requests per second; kubesim simulates at most 1e9 a second at one entry point: lower the rate"
                    + " (or split it over entry points)");
        }
        return spec;
    }

    /** {@code closedLoop: {users, thinkTime, maxRate}}: virtual users that wait for each answer. */
    private static ArrivalSpec closedLoop(ScenarioNode d) {
        int users = d.required("users").intInRange(1, Limits.MAX_USERS);
        ScenarioNode thinkNode = d.get("thinkTime");
        DurationDistribution think = thinkNode.isPresent() ? DistributionReader.read(thinkNode)
                : DurationDistribution.Constant.ZERO;
        ScenarioNode maxRateNode = d.get("maxRate");
        double maxRate = 0;
        if (maxRateNode.isPresent()) {
            maxRate = maxRateNode.nonNegativeNumber(RATE);
            if (maxRate == 0) {
                throw maxRateNode.error("expected a rate in requests per second greater than 0, got "
                        + maxRateNode.scalarText() + "; leave maxRate out for no cap");
            }
        }
        return new ArrivalSpec.ClosedLoop(users, think, maxRate, 0);
    }

    private RateSeries ramp(ScenarioNode d) {
        double from = d.required("from").nonNegativeNumber(RATE);
        double to = d.required("to").nonNegativeNumber(RATE);
        long over = d.required("over").duration();
        long at = d.get("at").isPresent() ? d.get("at").duration() : 0;
        return RateShapes.ramp(from, to, over, at, horizon);
    }

    private static RateSeries steps(ScenarioNode list) {
        List<RateShapes.Step> steps = new ArrayList<>();
        List<ScenarioNode> items = list.items();
        if (items.isEmpty()) {
            throw list.error("expected at least one step {at, rate}");
        }
        long previous = -1;
        for (ScenarioNode s : items) {
            s.object("Step");
            ScenarioNode atNode = s.required("at");
            long at = atNode.duration();
            if (at <= previous) {
                throw atNode.error("steps must be in time order, each after the one before: " + atNode.text()
                        + " is not after the previous step");
            }
            previous = at;
            steps.add(new RateShapes.Step(at, s.required("rate").nonNegativeNumber(RATE)));
        }
        return RateShapes.steps(steps);
    }

    private RateSeries diurnal(ScenarioNode d) {
        double mean = d.required("mean").nonNegativeNumber(RATE);
        double amplitude = d.required("amplitude").nonNegativeNumber(RATE);
        long period = d.get("period").isPresent() ? d.get("period").positiveDuration() : DAY;
        long peak = d.get("peak").isPresent() ? d.get("peak").duration() : 0;
        return RateShapes.diurnal(mean, amplitude, period, peak, horizon);
    }

    private static RateSeries spikes(ScenarioNode d) {
        double base = d.required("base").nonNegativeNumber(RATE);
        List<RateShapes.Burst> bursts = new ArrayList<>();
        List<Span> taken = new ArrayList<>();
        for (ScenarioNode b : d.required("bursts").items()) {
            b.object("Burst");
            ScenarioNode atNode = b.required("at");
            long at = atNode.duration();
            long duration = b.required("duration").positiveDuration();
            for (Span t : taken) {
                if (at < t.to() && t.from() < at + duration) {
                    throw atNode.error("bursts must not overlap: this one overlaps the burst at " + t.at());
                }
            }
            taken.add(new Span(at, at + duration, atNode.text()));
            boolean hasRate = b.get("rate").isPresent();
            boolean hasMultiplier = b.get("multiplier").isPresent();
            if (hasRate == hasMultiplier) {
                throw b.error("expected exactly one of rate (requests per second) and multiplier (of the base rate)");
            }
            bursts.add(hasRate ? RateShapes.Burst.absolute(at, duration, b.get("rate").nonNegativeNumber(RATE))
                    : RateShapes.Burst.relative(at, duration, b.get("multiplier").nonNegativeNumber("a multiplier")));
        }
        return RateShapes.spikes(base, bursts);
    }

    /** A burst's time span and its {@code at} as written, for overlap messages. */
    private record Span(long from, long to, String at) {
    }
}
