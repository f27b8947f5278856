package io.kubesim.kubelet;

import io.kubesim.api.QuantityFormat;
import java.math.BigDecimal;

/**
 * Writes byte counts as Kubernetes quantities do in messages: the largest binary suffix that
 * divides the value exactly ({@code 100Mi}, {@code 45364Ki}), else plain bytes.
 */
final class MemoryQuantity {
    private MemoryQuantity() {
    }

    static String format(long bytes) {
        return QuantityFormat.binary(bytes);
    }

    /** A fraction as a percentage without trailing zeros: {@code 0.1 -> 10%}. */
    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + "%";
    }
}
