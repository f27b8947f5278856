package io.kubesim.cli.sweep;

import io.kubesim.reports.sweep.SweepTable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The points of a sweep: the full grid of its swept parameters' values (the first parameter
 * varying slowest, each point numbered by its place in the grid), or {@code sample} of them drawn
 * without replacement from a seeded stream, kept in grid order; and a shard's slice of them.
 */
public final class SweepGrid {
    private SweepGrid() {
    }

    /** How many points the full grid has. */
    public static long size(List<SweepParameter> swept) {
        long n = 1;
        for (SweepParameter p : swept) {
            n = Math.multiplyExact(n, p.values().size());
        }
        return n;
    }

    /** Point {@code index} of the grid: each swept parameter's value. */
    public static SweepTable.Point point(List<SweepParameter> swept, long index) {
        List<String> values = new ArrayList<>();
        long rest = index;
        long stride = size(swept);
        for (SweepParameter p : swept) {
            stride /= p.values().size();
            values.add(p.values().get((int) (rest / stride)));
            rest %= stride;
        }
        return new SweepTable.Point((int) index, values);
    }

    /** Every point, or {@code sample} of them (with the sampling seed) when sample is set and smaller. */
    public static List<SweepTable.Point> points(List<SweepParameter> swept, Integer sample, long seed) {
        long size = size(swept);
        List<Long> indexes = new ArrayList<>();
        if (sample == null || sample >= size) {
            for (long i = 0; i < size; i++) {
                indexes.add(i);
            }
        } else {
            RandomDataGenerator rng = new RandomDataGenerator(new Well19937c(seed));
            TreeSet<Long> picked = new TreeSet<>();
            while (picked.size() < sample) {
                picked.add(rng.nextLong(0, size - 1));
            }
            indexes.addAll(picked);
        }
        List<SweepTable.Point> out = new ArrayList<>();
        for (long i : indexes) {
            out.add(point(swept, i));
        }
        return out;
    }

    /** Shard {@code shard} of {@code shards} (from 1): every n-th point from the shard's own. */
    public static List<SweepTable.Point> shard(List<SweepTable.Point> points, int shard, int shards) {
        List<SweepTable.Point> out = new ArrayList<>();
        for (int i = shard - 1; i < points.size(); i += shards) {
            out.add(points.get(i));
        }
        return out;
    }
}
