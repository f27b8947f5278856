package io.kubesim.testing;

import java.math.BigDecimal;

/**
 * Parses Kubernetes quantity strings for tests: cpu to millicores ({@code "500m"}, {@code "2"},
 * {@code "1.5"}) and bytes ({@code "1Gi"}, {@code "200Mi"}, {@code "1G"}, {@code "512"}).
 */
public final class Quantities {
    private Quantities() {
    }

    /** Millicores: "500m" is 500, "2" is 2000, "0.1" is 100. */
    public static long cpuMillis(String q) {
        if (q.endsWith("m")) {
            return Long.parseLong(q.substring(0, q.length() - 1));
        }
        return new BigDecimal(q).multiply(BigDecimal.valueOf(1000)).longValueExact();
    }

    /** Bytes: binary (Ki, Mi, Gi, Ti) and decimal (k, M, G, T) suffixes. */
    public static long bytes(String q) {
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
                {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
        for (String[] s : suffixes) {
            if (q.endsWith(s[0])) {
                return new BigDecimal(q.substring(0, q.length() - s[0].length()))
                        .multiply(new BigDecimal(s[1])).longValueExact();
            }
        }
        return new BigDecimal(q).longValueExact();
    }
}
