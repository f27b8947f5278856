package io.kubesim.cli.sweep;

import io.kubesim.reports.sweep.MeanInterval;
import io.kubesim.reports.sweep.SweepTable;
import java.util.List;
import java.util.Locale;

/**
 * The ranked text summary of a sweep (sweep.txt, and the console): the points best first by the
 * objective's mean with its 95 % interval and each constraint's quantity, then the points that
 * violate a constraint, with what they violate.
 */
public final class SweepRanking {
    private SweepRanking() {
    }

    public static String render(SweepTable t, SweepObjective objective, List<SweepObjective.Ranked> ranking) {
        StringBuilder sb = new StringBuilder();
        int runs = t.points().size() * t.seeds().size();
        sb.append(String.format(Locale.ROOT, "sweep %s: %d point%s x %d replication%s (%d runs); objective %s\n",
                t.scenario(), t.points().size(), t.points().size() == 1 ? "" : "s", t.seeds().size(),
                t.seeds().size() == 1 ? "" : "s", runs, objective.describe()));
        if (!objective.constraints().isEmpty()) {
            sb.append("constraints (on the mean): ");
            sb.append(String.join(", ", objective.constraints().stream().map(Object::toString).toList()));
            sb.append("\n");
        }
        List<String> shown = objective.quantities();
        int labelWidth = "values".length();
        int[] widths = new int[shown.size()];
        for (int p = 0; p < t.points().size(); p++) {
            labelWidth = Math.max(labelWidth, t.label(t.points().get(p)).length());
            for (int i = 0; i < shown.size(); i++) {
                int col = t.quantity(shown.get(i));
                widths[i] = Math.max(Math.max(widths[i], shown.get(i).length()),
                        col < 0 ? 1 : cell(t.stats(p, col)).length());
            }
        }
        String labelFormat = "%5s %6s  %-" + labelWidth + "s";
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, labelFormat, "rank", "point", "values"));
        for (int i = 0; i < shown.size(); i++) {
            header.append(String.format(Locale.ROOT, "  %-" + widths[i] + "s", shown.get(i)));
        }
        sb.append(header.toString().stripTrailing()).append("\n");
        int rank = 0;
        boolean infeasibleShown = false;
        for (SweepObjective.Ranked r : ranking) {
            if (!r.feasible() && !infeasibleShown) {
                sb.append("not ranked (a constraint not met, or the point refused):").append("\n");
                infeasibleShown = true;
            }
            SweepTable.Point point = t.points().get(r.point());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, labelFormat,
                    r.feasible() ? Integer.toString(++rank) : "-", point.index(), t.label(point)));
            for (int i = 0; i < shown.size(); i++) {
                int col = t.quantity(shown.get(i));
                line.append(String.format(Locale.ROOT, "  %-" + widths[i] + "s",
                        col < 0 ? "-" : cell(t.stats(r.point(), col))));
            }
            sb.append(line.toString().stripTrailing());
            if (!r.feasible()) {
                boolean refused = r.violated().get(0).startsWith("refused: ");
                sb.append(refused ? "  " : "  violates ").append(String.join("; ", r.violated()));
            }
            sb.append("\n");
        }
        return sb.toString();
    }

    /** {@code 12.3 [10.1 .. 14.5]}, or the mean alone with one replication. */
    static String cell(MeanInterval m) {
        return m.describe();
    }
}
