package io.kubesim.scenarios.scenario;

import io.kubesim.engine.DurationDistribution;
import java.util.List;

/**
 * Reads a duration distribution: a plain duration ({@code 5s}) is a constant; otherwise a
 * mapping with exactly one of {@code lognormal: {median, p99}}, {@code uniform: {min, max}},
 * {@code normal: {mean, stddev}}, {@code exponential: {mean}} or {@code empirical: [durations]}
 * (one of the listed values, each equally likely).
 */
final class DistributionReader {
    private DistributionReader() {
    }

    static DurationDistribution read(ScenarioNode n) {
        if (!n.isMapping()) {
            return new DurationDistribution.Constant(n.duration());
        }
        n.object("Distribution");
        var entries = n.entries();
        if (entries.size() != 1) {
            throw n.error("expected exactly one of lognormal, uniform, normal, exponential, empirical, got "
                    + (entries.isEmpty() ? "none" : String.join(", ", entries.keySet())));
        }
        var e = entries.entrySet().iterator().next();
        ScenarioNode d = e.getValue();
        switch (e.getKey()) {
            case "lognormal" -> {
                d.object("LogNormal");
                long median = d.required("median").positiveDuration();
                ScenarioNode p99Node = d.required("p99");
                long p99 = p99Node.duration();
                if (p99 < median) {
                    throw p99Node.error("p99 must not be less than the median");
                }
                return new DurationDistribution.LogNormal(median, p99);
            }
            case "uniform" -> {
                d.object("Uniform");
                long min = d.required("min").duration();
                ScenarioNode maxNode = d.required("max");
                long max = maxNode.duration();
                if (max < min) {
                    throw maxNode.error("max must not be less than min");
                }
                return new DurationDistribution.Uniform(min, max);
            }
            case "normal" -> {
                d.object("Normal");
                return new DurationDistribution.Normal(d.required("mean").duration(), d.required("stddev").duration());
            }
            case "empirical" -> {
                List<ScenarioNode> items = d.items();
                if (items.isEmpty()) {
                    throw d.error("expected at least one duration in empirical");
                }
                long[] values = new long[items.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = items.get(i).duration();
                }
                return new DurationDistribution.Empirical(values);
            }
            default -> {
                d.object("Exponential");
                return new DurationDistribution.Exponential(d.required("mean").positiveDuration());
            }
        }
    }
}
