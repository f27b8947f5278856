package io.kubesim.kubelet;

import java.math.BigDecimal;

/**
 * Writes byte counts as Kubernetes quantities do in messages: the largest binary suffix that
 * divides the value exactly ({@code 100Mi}, {@code 45364Ki}), else plain bytes.
 */
final class MemoryQuantity {
    private static final String[] SUFFIXES = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private MemoryQuantity() {
    }

    static String format(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        long v = bytes;
        int suffix = -1;
        while (suffix + 1 < SUFFIXES.length && v % 1024 == 0) {
            v /= 1024;
            suffix++;
        }
        return suffix < 0 ? Long.toString(v) : v + SUFFIXES[suffix];
    }

    /** A fraction as a percentage without trailing zeros: {@code 0.1 -> 10%}. */
    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + "%";
    }
}
