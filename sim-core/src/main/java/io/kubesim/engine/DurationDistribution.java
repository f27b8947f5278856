package io.kubesim.engine;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;

/**
 * A distribution of durations (in microseconds) sampled from a seeded stream: the time an image
 * pull, an application's start-up or its shutdown takes. Samples are never negative.
 */
public sealed interface DurationDistribution {
    /** Draws one duration in microseconds. */
    long sample(RandomGenerator rng);

    /** The mean in microseconds, for documentation and fluid models. */
    long mean();

    /** The variance in square microseconds, for fluid models. */
    double variance();

    /** The probability that a duration exceeds {@code micros}, for fluid models. */
    double survival(double micros);

    /** Always the same value. */
    record Constant(long micros) implements DurationDistribution {
        public static final Constant ZERO = new Constant(0);

        public long sample(RandomGenerator rng) {
            return micros;
        }

        public long mean() {
            return micros;
        }

        public double variance() {
            return 0;
        }

        public double survival(double x) {
            return x < micros ? 1 : 0;
        }
    }

    /** Uniform between min and max. */
    record Uniform(long minMicros, long maxMicros) implements DurationDistribution {
        public long sample(RandomGenerator rng) {
            return minMicros + (long) (rng.nextDouble() * (maxMicros - minMicros));
        }

        public long mean() {
            return (minMicros + maxMicros) / 2;
        }

        public double variance() {
            double w = maxMicros - minMicros;
            return w * w / 12;
        }

        public double survival(double x) {
            if (x < minMicros) {
                return 1;
            }
            return x >= maxMicros ? 0 : (maxMicros - x) / (maxMicros - minMicros);
        }
    }

    /** Normal with the given mean and standard deviation, truncated at zero. */
    record Normal(long meanMicros, long stddevMicros) implements DurationDistribution {
        public long sample(RandomGenerator rng) {
            double v = meanMicros + stddevMicros * rng.nextGaussian();
            return Math.max(0, Math.round(v));
        }

        public long mean() {
            return meanMicros;
        }

        /** The variance of the untruncated normal (truncation at zero is ignored). */
        public double variance() {
            return (double) stddevMicros * stddevMicros;
        }

        public double survival(double x) {
            if (x < 0) {
                return 1;
            }
            if (stddevMicros <= 0) {
                return x < meanMicros ? 1 : 0;
            }
            return 0.5 * Erf.erfc((x - meanMicros) / (stddevMicros * Math.sqrt(2)));
        }

        /** The equivalent commons-math3 distribution (for documentation and tests). */
        public NormalDistribution asCommonsMath(RandomGenerator rng) {
            return new NormalDistribution(rng, meanMicros, stddevMicros);
        }
    }

    /**
     * Log-normal given by its median and its 99th percentile, the two numbers people know about
     * start-up times: {@code mu = ln(median)}, {@code sigma = ln(p99/median) / z(0.99)}. A class
     * rather than a record so that {@code mu} and {@code sigma} are worked out once: the fluid model
     * draws millions of values a simulated hour, and two logarithms per draw were a good part of
     * each. Equality, hash and text are those of a record of the median and p99.
     */
    static final class LogNormal implements DurationDistribution {
        private static final double Z99 = 2.3263478740408408;

        private final long medianMicros;
        private final long p99Micros;
        private final double mu;
        private final double sigma;

        public LogNormal(long medianMicros, long p99Micros) {
            this.medianMicros = medianMicros;
            this.p99Micros = p99Micros;
            this.mu = Math.log(Math.max(1, medianMicros));
            this.sigma = p99Micros <= medianMicros ? 0 : Math.log((double) p99Micros / medianMicros) / Z99;
        }

        public long medianMicros() {
            return medianMicros;
        }

        public long p99Micros() {
            return p99Micros;
        }

        public long sample(RandomGenerator rng) {
            return Math.round(Math.exp(mu + sigma * rng.nextGaussian()));
        }

        public double sigma() {
            return sigma;
        }

        public long mean() {
            double s = sigma;
            return Math.round(medianMicros * Math.exp(s * s / 2));
        }

        public double variance() {
            double s2 = sigma * sigma;
            double m = (double) medianMicros;
            return (Math.exp(s2) - 1) * m * m * Math.exp(s2);
        }

        public double survival(double x) {
            double median = Math.max(1, medianMicros);
            if (x <= 0) {
                return 1;
            }
            if (sigma == 0) {
                return x < median ? 1 : 0;
            }
            return 0.5 * Erf.erfc(Math.log(x / median) / (sigma * Math.sqrt(2)));
        }

        public LogNormalDistribution asCommonsMath(RandomGenerator rng) {
            return new LogNormalDistribution(rng, mu, Math.max(1e-12, sigma));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LogNormal l && l.medianMicros == medianMicros && l.p99Micros == p99Micros;
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(medianMicros) + Long.hashCode(p99Micros);
        }

        @Override
        public String toString() {
            return "LogNormal[medianMicros=" + medianMicros + ", p99Micros=" + p99Micros + "]";
        }
    }

    /** Exponential with the given mean. */
    record Exponential(long meanMicros) implements DurationDistribution {
        public long sample(RandomGenerator rng) {
            return Math.round(-meanMicros * Math.log(1.0 - rng.nextDouble()));
        }

        public long mean() {
            return meanMicros;
        }

        public double variance() {
            return (double) meanMicros * meanMicros;
        }

        public double survival(double x) {
            if (x < 0) {
                return 1;
            }
            return meanMicros <= 0 ? 0 : Math.exp(-x / meanMicros);
        }

        public ExponentialDistribution asCommonsMath(RandomGenerator rng) {
            return new ExponentialDistribution(rng, meanMicros);
        }
    }

    /**
     * One of the given values, each equally likely: a measured sample (say, service times from a
     * load test) replayed as it was measured, without fitting a shape to it.
     */
    record Empirical(long[] valuesMicros) implements DurationDistribution {
        public Empirical {
            if (valuesMicros.length == 0) {
                throw new IllegalArgumentException("an empirical distribution needs at least one value");
            }
            for (long v : valuesMicros) {
                if (v < 0) {
                    throw new IllegalArgumentException("durations must not be negative");
                }
            }
            valuesMicros = valuesMicros.clone();
        }

        public long sample(RandomGenerator rng) {
            return valuesMicros[rng.nextInt(valuesMicros.length)];
        }

        public long mean() {
            double sum = 0;
            for (long v : valuesMicros) {
                sum += v;
            }
            return Math.round(sum / valuesMicros.length);
        }

        public double variance() {
            double sum = 0;
            for (long v : valuesMicros) {
                sum += v;
            }
            double mean = sum / valuesMicros.length;
            double squares = 0;
            for (long v : valuesMicros) {
                squares += (v - mean) * (v - mean);
            }
            return squares / valuesMicros.length;
        }

        /** The share of the values above {@code x}: O(n), for fluid models that cache it per step. */
        public double survival(double x) {
            int above = 0;
            for (long v : valuesMicros) {
                if (v > x) {
                    above++;
                }
            }
            return (double) above / valuesMicros.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Empirical e && java.util.Arrays.equals(valuesMicros, e.valuesMicros);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(valuesMicros);
        }

        @Override
        public String toString() {
            return "Empirical[" + valuesMicros.length + " values]";
        }
    }
}
