package io.kubesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Survival functions and variances the fluid mode relies on, against commons-math3. */
class DurationDistributionTest {
    private static final double[] POINTS = {0, 1_000, 20_000, 45_000, 120_000, 1_000_000};

    @Test
    @DisplayName("log-normal survival and variance match commons-math3 for mu = ln(median), sigma = ln(p99/median)/z99")
    void logNormal() {
        DurationDistribution.LogNormal d = new DurationDistribution.LogNormal(45_000, 120_000);
        LogNormalDistribution ref = new LogNormalDistribution(null, Math.log(45_000), d.sigma());
        for (double x : POINTS) {
            assertEquals(1 - ref.cumulativeProbability(x), d.survival(x), 1e-9, "at " + x);
        }
        assertEquals(ref.getNumericalVariance(), d.variance(), ref.getNumericalVariance() * 1e-9);
        assertEquals(0.01, d.survival(120_000), 1e-9, "p99 by construction");
    }

    @Test
    @DisplayName("exponential, normal and uniform survival and variance match commons-math3")
    void others() {
        ExponentialDistribution exp = new ExponentialDistribution(null, 30_000);
        NormalDistribution normal = new NormalDistribution(null, 50_000, 10_000);
        UniformRealDistribution uniform = new UniformRealDistribution(null, 10_000, 60_000);
        for (double x : POINTS) {
            assertEquals(1 - exp.cumulativeProbability(x), new DurationDistribution.Exponential(30_000).survival(x), 1e-12);
            assertEquals(1 - normal.cumulativeProbability(x), new DurationDistribution.Normal(50_000, 10_000).survival(x),
                    1e-9);
            assertEquals(1 - uniform.cumulativeProbability(x),
                    new DurationDistribution.Uniform(10_000, 60_000).survival(x), 1e-12);
        }
        assertEquals(exp.getNumericalVariance(), new DurationDistribution.Exponential(30_000).variance(), 1e-6);
        assertEquals(uniform.getNumericalVariance(), new DurationDistribution.Uniform(10_000, 60_000).variance(), 1e-6);
    }

    @Test
    @DisplayName("constant and empirical: steps at their values; variance of the values")
    void steps() {
        DurationDistribution.Constant c = new DurationDistribution.Constant(20_000);
        assertEquals(1, c.survival(19_999));
        assertEquals(0, c.survival(20_000));
        assertEquals(0, c.variance());
        DurationDistribution.Empirical e = new DurationDistribution.Empirical(new long[]{10, 20, 30, 40});
        assertEquals(0.5, e.survival(20));
        assertEquals(125, e.variance(), 1e-9);
        for (DurationDistribution d : List.<DurationDistribution>of(c, e)) {
            assertEquals(1, d.survival(-1));
        }
    }
}
