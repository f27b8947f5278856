package io.kubesim.reports.explain;

import java.util.Locale;

/** Amounts as explanations print them: cpu as Kubernetes quantities, memory in Mi/Gi, durations as 3m12.5s. */
final class Quantities {
    private static final long MI = 1L << 20;
    private static final long GI = 1L << 30;

    private Quantities() {
    }

    /** {@code 3000} → {@code 3}, {@code 2500} → {@code 2500m}. */
    static String cpu(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    /** {@code 8Gi}, {@code 1536Mi}, or bytes when not a whole number of MiB. */
    static String memory(long bytes) {
        if (bytes != 0 && bytes % GI == 0) {
            return bytes / GI + "Gi";
        }
        if (bytes % MI == 0) {
            return bytes / MI + "Mi";
        }
        return Long.toString(bytes);
    }

    /** {@code 240} → {@code 4m}, {@code 192.5} → {@code 3m12.5s}, {@code 4.25} → {@code 4.3s} (to a tenth). */
    static String duration(double seconds) {
        long tenths = Math.round(seconds * 10);
        long minutes = tenths / 600;
        long rest = tenths % 600;
        String s = rest % 10 == 0 ? Long.toString(rest / 10) : String.format(Locale.ROOT, "%.1f", rest / 10.0);
        if (minutes == 0) {
            return s + "s";
        }
        return rest == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
}
