package io.kubesim.reports.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep measured: its parameters (each a {@code --set TARGET:PATH} with several values),
 * the points run (each a value per parameter, numbered in grid order), the replication seeds
 * every point shares (common random numbers), and each quantity's value per point and
 * replication. Every sweep output (sweep.csv, the ranking, sweep.html) is drawn from this alone,
 * so shards merged give the same bytes as one local sweep.
 *
 * @param scenario   the scenario's name
 * @param parameters the swept fields, as {@code TARGET:PATH}
 * @param points     the points run, in grid order
 * @param seeds      the replications' seeds
 * @param quantities the quantities measured, named as gates name them
 * @param values     {@code values[p][r][q]}: point p (its place in {@code points}), replication r, quantity q
 * @param refusals   for each point, why its scenario cannot run ("" when it ran): the loader's
 *                   message for a combination the API server or the scenario format refuses
 */
public record SweepTable(String scenario, List<String> parameters, List<Point> points, List<Long> seeds,
                         List<String> quantities, double[][][] values, List<String> refusals) {
    /** One point: its index in the full grid and its value (as written) for each parameter. */
    public record Point(int index, List<String> values) {
        public Point {
            values = List.copyOf(values);
        }
    }

    public SweepTable {
        parameters = List.copyOf(parameters);
        points = List.copyOf(points);
        seeds = List.copyOf(seeds);
        quantities = List.copyOf(quantities);
        refusals = List.copyOf(refusals);
    }

    /** Whether point {@code p} (its place in {@code points}) was refused and not run. */
    public boolean refused(int p) {
        return !refusals.get(p).isEmpty();
    }

    /** The column of a quantity, -1 when it was not measured. */
    public int quantity(String name) {
        return quantities.indexOf(name);
    }

    /** Quantity {@code q} at point {@code p} over the replications. */
    public MeanInterval stats(int p, int q) {
        List<Double> v = new ArrayList<>();
        for (double[] replication : values[p]) {
            v.add(replication[q]);
        }
        return MeanInterval.of(v);
    }

    /** {@code maxSurge=1, maxUnavailable=0}: the point's values under the last segment of each path. */
    public String label(Point point) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shortName(parameters.get(i))).append('=').append(point.values().get(i));
        }
        return sb.toString();
    }

    /** The last field of a parameter's path: {@code maxSurge} for {@code deployment/web:spec.strategy.rollingUpdate.maxSurge}. */
    public static String shortName(String parameter) {
        String path = parameter.substring(parameter.indexOf(':') + 1);
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
