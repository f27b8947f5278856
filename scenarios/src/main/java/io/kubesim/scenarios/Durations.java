package io.kubesim.scenarios;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Parses Go / Kubernetes duration strings ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code 1.5s},
 * {@code 250ms}, {@code 10us}) into microseconds of virtual time, following Go's
 * {@code time.ParseDuration}: a sequence of decimal numbers, each with an optional fraction and a
 * required unit ({@code ns us µs ms s m h}); {@code 0} alone is allowed. Negative durations are
 * rejected, because nothing in a scenario can take negative time, and so are bare numbers such as
 * {@code 30}, which are ambiguous.
 */
public final class Durations {
    private static final BigInteger NANOS_PER_MICRO = BigInteger.valueOf(1000);
    /** Go's time.Duration is an int64 of nanoseconds. */
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * The duration in microseconds.
     *
     * @throws IllegalArgumentException with a message saying what was expected
     */
    public static long parseMicros(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("expected a duration such as 30s, 5m or 1h30m, got an empty string");
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("duration must not be negative, got \"" + text + "\"");
        }
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.')) {
            throw new IllegalArgumentException("missing unit in duration \"" + text + "\": write e.g. "
                    + s + "s (units: ns, us, ms, s, m, h)");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numStart = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            boolean pre = i > numStart;
            boolean post = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                post = i > fracStart;
            }
            if (!pre && !post) {
                throw invalid(text);
            }
            BigDecimal number = new BigDecimal(fixNumber(s.substring(numStart, i)));
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("missing unit in duration \"" + text
                        + "\" (units: ns, us, ms, s, m, h)");
            }
            nanos = nanos.add(number.multiply(BigDecimal.valueOf(nanosPerUnit(unit, text))));
        }
        BigInteger whole = nanos.toBigInteger();
        if (nanos.compareTo(new BigDecimal(whole)) != 0) {
            // Go truncates fractions of a nanosecond; so do we.
            nanos = new BigDecimal(whole);
        }
        if (whole.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too large (at most 2562047h)");
        }
        BigInteger[] qr = whole.divideAndRemainder(NANOS_PER_MICRO);
        if (qr[1].signum() != 0) {
            throw new IllegalArgumentException("duration \"" + text
                    + "\" is finer than the simulator's resolution of 1us");
        }
        return qr[0].longValueExact();
    }

    private static String fixNumber(String n) {
        if (n.startsWith(".")) {
            return "0" + n;
        }
        if (n.endsWith(".")) {
            return n.substring(0, n.length() - 1);
        }
        return n;
    }

    private static long nanosPerUnit(String unit, String text) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text
                    + "\" (units: ns, us, ms, s, m, h)");
        };
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text + "\": expected e.g. 30s, 5m, 1h30m, 1.5s, 250ms");
    }
}
