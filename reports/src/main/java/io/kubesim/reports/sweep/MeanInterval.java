package io.kubesim.reports.sweep;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * A quantity over replications: its mean, the sample standard deviation and the confidence
 * interval of the mean (Student's t with n - 1 degrees of freedom; NaN bounds for fewer than two
 * values). Non-finite values (a p99 without requests) are left out.
 */
public record MeanInterval(double mean, double stddev, double low, double high, int n) {
    public static final double CONFIDENCE = 0.95;

    public static MeanInterval of(List<Double> values) {
        SummaryStatistics s = new SummaryStatistics();
        values.stream().filter(Double::isFinite).forEach(s::addValue);
        int n = (int) s.getN();
        double mean = n == 0 ? Double.NaN : s.getMean();
        if (n < 2) {
            return new MeanInterval(mean, Double.NaN, Double.NaN, Double.NaN, n);
        }
        double sd = s.getStandardDeviation();
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double half = t * sd / Math.sqrt(n);
        return new MeanInterval(mean, sd, mean - half, mean + half, n);
    }

    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    /** {@code 1599 [760.4 .. 2437.6]} for reading; the mean alone without an interval; {@code no value}. */
    public String describe() {
        if (Double.isNaN(mean)) {
            return "no value";
        }
        return hasInterval() ? readable(mean) + " [" + readable(low) + " .. " + readable(high) + "]" : readable(mean);
    }

    /** One decimal from 1 up, three significant digits below, whole numbers as they are. */
    public static String readable(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Math.abs(v) >= 1 ? String.format(java.util.Locale.ROOT, "%.1f", v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
