package io.kubesim.engine;

/**
 * Virtual time: a {@code long} count of microseconds since the start of the simulation.
 *
 * <p>Microseconds keep request latencies exact while a long still spans 292,000 years. Time is
 * never a double inside the simulation; conversion to seconds happens only at the output edge.
 */
public final class SimTime {
    public static final long MICROS_PER_MILLI = 1_000L;
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_MINUTE = 60L * MICROS_PER_SECOND;
    public static final long MICROS_PER_HOUR = 60L * MICROS_PER_MINUTE;
    /** A time later than any event a scenario may schedule. */
    public static final long NEVER = Long.MAX_VALUE;

    private SimTime() {
    }

    public static long seconds(long s) {
        return s * MICROS_PER_SECOND;
    }

    public static long millis(long ms) {
        return ms * MICROS_PER_MILLI;
    }

    public static long minutes(long m) {
        return m * MICROS_PER_MINUTE;
    }

    /** Seconds as a fraction, for outputs only. */
    public static double toSeconds(long micros) {
        return micros / (double) MICROS_PER_SECOND;
    }

    /** Rounds a fractional number of seconds to the nearest microsecond. */
    public static long ofSeconds(double seconds) {
        return Math.round(seconds * MICROS_PER_SECOND);
    }

    /** Whole seconds, truncated, as Kubernetes messages print them. */
    public static long wholeSeconds(long micros) {
        return micros / MICROS_PER_SECOND;
    }

    /**
     * Formats a duration the way Go's {@code time.Duration.String()} does for the values the
     * simulator prints: {@code 1h2m3s}, {@code 2.5s}, {@code 250ms}, {@code 0s}.
     */
    public static String format(long micros) {
        if (micros == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long u = micros;
        if (u < 0) {
            sb.append('-');
            u = -u;
        }
        if (u < MICROS_PER_SECOND) {
            if (u % MICROS_PER_MILLI == 0) {
                return sb.append(u / MICROS_PER_MILLI).append("ms").toString();
            }
            return sb.append(trimFraction(u / (double) MICROS_PER_MILLI)).append("ms").toString();
        }
        long hours = u / MICROS_PER_HOUR;
        u -= hours * MICROS_PER_HOUR;
        long minutes = u / MICROS_PER_MINUTE;
        u -= minutes * MICROS_PER_MINUTE;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        long wholeSeconds = u / MICROS_PER_SECOND;
        long fraction = u % MICROS_PER_SECOND;
        sb.append(wholeSeconds);
        if (fraction != 0) {
            String f = String.format("%06d", fraction);
            int end = f.length();
            while (end > 0 && f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.append('s').toString();
    }

    private static String trimFraction(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", v);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
