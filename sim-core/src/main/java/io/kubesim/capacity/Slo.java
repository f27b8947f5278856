package io.kubesim.capacity;

import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A service-level objective a run must meet. A negative bound means "not checked".
 *
 * @param maxErrorRatio  the most entry requests that may fail, as a fraction (0.001 = 0.1 %)
 * @param maxP99         the highest p99 latency allowed at any entry Service, in microseconds
 * @param maxPendingTime the longest any pod may wait for a node, in microseconds
 */
public record Slo(double maxErrorRatio, long maxP99, long maxPendingTime) {
    /** At most 0.1 % of requests fail and no pod waits more than 2 minutes for a node; p99 unchecked. */
    public static final Slo DEFAULT = new Slo(0.001, -1, SimTime.minutes(2));

    public Slo {
        if (maxErrorRatio > 1 || Double.isNaN(maxErrorRatio)) {
            throw new IllegalArgumentException("maxErrorRatio must be a fraction of at most 1");
        }
    }

    /** What a run broke, one line per bound; empty when it met the objective. */
    public List<String> violations(RunOutcome o) {
        List<String> out = new ArrayList<>();
        if (maxErrorRatio >= 0 && o.errorRatio() > maxErrorRatio) {
            out.add(String.format(Locale.ROOT, "error ratio %s > %s (%d of %d requests failed)",
                    percent(o.errorRatio()), percent(maxErrorRatio), o.failed(), o.requests()));
        }
        if (maxP99 >= 0 && o.worstP99() > maxP99) {
            out.add(String.format(Locale.ROOT, "p99 of %s %.1f ms > %s", o.worstP99Service(), o.worstP99() / 1000.0,
                    time(maxP99)));
        }
        if (maxPendingTime >= 0 && o.longestPending() > maxPendingTime) {
            out.add("pod " + o.longestPendingPod() + " waited " + time(o.longestPending())
                    + " for a node > " + time(maxPendingTime));
        }
        return out;
    }

    /**
     * What the runs of one failure case (replications: one scenario under several seeds) broke,
     * judged at {@code confidence}: a bound holds when the one-sided upper confidence bound of the
     * mean (Student's t with n - 1 degrees of freedom) is within it. One run is judged on its own
     * value, as {@link #violations} does.
     */
    public List<String> judge(List<RunOutcome> runs, double confidence) {
        if (runs.size() == 1) {
            return violations(runs.get(0));
        }
        List<String> out = new ArrayList<>();
        int n = runs.size();
        String conf = String.format(Locale.ROOT, "%.0f %%", confidence * 100);
        if (maxErrorRatio >= 0) {
            double[] v = runs.stream().mapToDouble(RunOutcome::errorRatio).toArray();
            double up = Math.min(1.0, upper(v, confidence)); // a ratio's bound is at most 100 %
            if (up > maxErrorRatio) {
                out.add(String.format(Locale.ROOT, "error ratio %s > %s at %s confidence (mean %s over %d runs)",
                        percent(up), percent(maxErrorRatio), conf, percent(mean(v)), n));
            }
        }
        if (maxP99 >= 0) {
            double[] v = runs.stream().mapToDouble(RunOutcome::worstP99).toArray();
            double up = upper(v, confidence);
            if (up > maxP99) {
                out.add(String.format(Locale.ROOT, "p99 of %s %.1f ms > %s at %s confidence (mean %.1f ms over %d runs)",
                        runs.get(0).worstP99Service(), up / 1000.0, time(maxP99), conf, mean(v) / 1000.0, n));
            }
        }
        if (maxPendingTime >= 0) {
            double[] v = runs.stream().mapToDouble(RunOutcome::longestPending).toArray();
            double up = upper(v, confidence);
            if (up > maxPendingTime) {
                out.add(String.format(Locale.ROOT, "a pod waited %s for a node > %s at %s confidence (mean %s over %d runs)",
                        time(Math.round(up)), time(maxPendingTime), conf, time(Math.round(mean(v))), n));
            }
        }
        return out;
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /** The one-sided upper confidence bound of the mean: mean + t(conf, n - 1) x sd / sqrt(n). */
    static double upper(double[] v, double confidence) {
        double m = mean(v);
        double var = 0;
        for (double x : v) {
            var += (x - m) * (x - m);
        }
        var /= v.length - 1;
        if (var == 0) {
            return m;
        }
        double t = new org.apache.commons.math3.distribution.TDistribution(v.length - 1)
                .inverseCumulativeProbability(confidence);
        return m + t * Math.sqrt(var / v.length);
    }

    /** The objective in the {@code --slo} syntax, e.g. {@code error-ratio=0.1%,p99=500ms,pending=2m}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (maxErrorRatio >= 0) {
            parts.add("error-ratio=" + percent(maxErrorRatio));
        }
        if (maxP99 >= 0) {
            parts.add("p99=" + time(maxP99));
        }
        if (maxPendingTime >= 0) {
            parts.add("pending=" + time(maxPendingTime));
        }
        return parts.isEmpty() ? "none" : String.join(",", parts);
    }

    /** A duration as people write it: {@code 2m}, {@code 1m30s}, {@code 250ms} (no trailing zero units). */
    public static String time(long micros) {
        return SimTime.format(micros).replaceAll("(?<=[hm])0s$", "").replaceAll("(?<=h)0m$", "");
    }

    static String percent(double fraction) {
        String s = String.format(Locale.ROOT, "%.4f", fraction * 100);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }
}
