package io.kubesim.scenarios.audit.checks;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A byte amount as a quantity a manifest would write ({@code 512Mi}, {@code 2Gi}). */
final class Mebibytes {
    private Mebibytes() {
    }

    static String of(BigDecimal bytes) {
        BigDecimal mi = bytes.divide(BigDecimal.valueOf(1L << 20), 0, RoundingMode.CEILING);
        if (mi.remainder(BigDecimal.valueOf(1024)).signum() == 0 && mi.signum() > 0) {
            return mi.divide(BigDecimal.valueOf(1024)).toPlainString() + "Gi";
        }
        return mi.toPlainString() + "Mi";
    }
}
