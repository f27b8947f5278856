package io.kubesim.cli.sweep;

import io.kubesim.cli.UsageError;
import io.kubesim.reports.sweep.MeanInterval;
import io.kubesim.reports.sweep.SweepTable;
import io.kubesim.scenarios.gate.GateExpression;
import io.kubesim.scenarios.gate.GateSyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a sweep looks for: an objective ({@code min failed}, {@code max ...}) over a quantity as
 * gates name it, and constraints ({@code p99Ms[web] < 250}) each point's mean must satisfy. The
 * ranking puts the points that satisfy every constraint first, best objective mean first (equal
 * means in grid order), then the others.
 */
public final class SweepObjective {
    private final boolean minimize;
    private final String quantity;
    private final List<GateExpression> constraints;
    private final List<String> constraintQuantities;

    private SweepObjective(boolean minimize, String quantity, List<GateExpression> constraints) {
        this.minimize = minimize;
        this.quantity = quantity;
        this.constraints = List.copyOf(constraints);
        this.constraintQuantities = constraints.stream().map(SweepObjective::left).toList();
    }

    /** Parses {@code --objective} and {@code --constraint}; a bad one is a usage error naming it. */
    public static SweepObjective parse(String objective, List<String> constraints) {
        String[] parts = objective.strip().split("\\s+", 2);
        if (parts.length != 2 || !(parts[0].equals("min") || parts[0].equals("max"))) {
            throw new UsageError("--objective " + objective + ": expected min QUANTITY or max QUANTITY, e.g. 'min failed'"
                    + " or 'min p99Ms[checkout]'");
        }
        try {
            GateExpression.parse(parts[1] + " >= 0");
        } catch (GateSyntaxException e) {
            throw new UsageError("--objective " + objective + ": " + e.getMessage());
        }
        List<GateExpression> parsed = new ArrayList<>();
        for (String c : constraints) {
            try {
                parsed.add(GateExpression.parse(c));
            } catch (GateSyntaxException e) {
                throw new UsageError("--constraint " + e.getMessage());
            }
        }
        return new SweepObjective(parts[0].equals("min"), parts[1].strip(), parsed);
    }

    /** The quantity of a constraint: its text before the comparison, in canonical form. */
    private static String left(GateExpression g) {
        String s = g.toString();
        return s.substring(0, s.lastIndexOf(" " + g.comparison().symbol() + " "));
    }

    /** The quantities to measure first: the objective's, then the constraints'. */
    public List<String> quantities() {
        List<String> out = new ArrayList<>();
        out.add(GateExpression.parse(quantity + " >= 0").toString().replace(" >= 0", ""));
        for (String q : constraintQuantities) {
            if (!out.contains(q)) {
                out.add(q);
            }
        }
        return out;
    }

    public String describe() {
        return (minimize ? "min " : "max ") + quantities().get(0);
    }

    public List<GateExpression> constraints() {
        return constraints;
    }

    /** One point's place in the ranking. */
    public record Ranked(int point, MeanInterval objective, List<String> violated) {
        public boolean feasible() {
            return violated.isEmpty();
        }
    }

    /** The points best first: feasible ones by objective mean, then the infeasible ones. */
    public List<Ranked> rank(SweepTable t) {
        int q = t.quantity(quantities().get(0));
        List<Ranked> out = new ArrayList<>();
        for (int p = 0; p < t.points().size(); p++) {
            List<String> violated = new ArrayList<>();
            if (t.refused(p)) {
                violated.add("refused: " + t.refusals().get(p));
                out.add(new Ranked(p, MeanInterval.of(List.of()), violated));
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                int c = t.quantity(constraintQuantities.get(i));
                double mean = c < 0 ? Double.NaN : t.stats(p, c).mean();
                if (!constraints.get(i).comparison().holds(mean, constraints.get(i).bound())) {
                    violated.add(constraints.get(i) + " (mean " + io.kubesim.reports.sweep.SweepCsv.num(mean) + ")");
                }
            }
            out.add(new Ranked(p, q < 0 ? MeanInterval.of(List.of()) : t.stats(p, q), violated));
        }
        Comparator<Ranked> byObjective = Comparator.comparingDouble(r -> minimize ? key(r) : -key(r));
        out.sort(Comparator.comparing((Ranked r) -> !r.feasible()).thenComparing(byObjective)
                .thenComparingInt(r -> t.points().get(r.point()).index()));
        return out;
    }

    private double key(Ranked r) {
        double m = r.objective().mean();
        return Double.isNaN(m) ? (minimize ? Double.MAX_VALUE : -Double.MAX_VALUE) : m;
    }
}
