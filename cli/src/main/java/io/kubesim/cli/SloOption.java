package io.kubesim.cli;

import io.kubesim.capacity.Slo;
import io.kubesim.scenarios.Durations;
import java.math.BigDecimal;

/**
 * Reads {@code --slo}: comma-separated bounds over {@link Slo#DEFAULT}, e.g.
 * {@code error-ratio=0.5%,p99=300ms,pending=1m}; {@code off} drops a bound.
 */
final class SloOption {
    private SloOption() {
    }

    static Slo parse(String text) {
        double errorRatio = Slo.DEFAULT.maxErrorRatio();
        long p99 = Slo.DEFAULT.maxP99();
        long pending = Slo.DEFAULT.maxPendingTime();
        if (text.isBlank()) {
            throw error(text, "expected bounds such as error-ratio=0.1%,p99=500ms,pending=2m");
        }
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw error(text, "\"" + part + "\" is not key=value (keys: error-ratio, p99, pending)");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            boolean off = value.equals("off");
            switch (key) {
                case "error-ratio" -> errorRatio = off ? -1 : ratio(text, value);
                case "p99" -> p99 = off ? -1 : duration(text, key, value);
                case "pending" -> pending = off ? -1 : duration(text, key, value);
                default -> throw error(text, "unknown bound \"" + key + "\" (expected error-ratio, p99 or pending)");
            }
        }
        return new Slo(errorRatio, p99, pending);
    }

    /** {@code 0.1%} or a fraction such as {@code 0.001}; from 0 to 100 %. */
    private static double ratio(String text, String value) {
        boolean percent = value.endsWith("%");
        String number = percent ? value.substring(0, value.length() - 1) : value;
        double v;
        try {
            v = new BigDecimal(number.trim()).doubleValue();
        } catch (NumberFormatException e) {
            throw error(text, "error-ratio \"" + value + "\": expected a percentage such as 0.1% or a fraction such as 0.001");
        }
        if (percent) {
            v /= 100;
        }
        if (v < 0 || v > 1) {
            throw error(text, "error-ratio \"" + value + "\": must lie between 0 and 100%");
        }
        return v;
    }

    private static long duration(String text, String key, String value) {
        try {
            long d = Durations.parseMicros(value);
            if (d < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw error(text, key + " \"" + value + "\": " + e.getMessage() + " (e.g. 500ms, 2m, or off)");
        }
    }

    private static UsageError error(String text, String what) {
        return new UsageError("--slo " + text + ": " + what);
    }
}
