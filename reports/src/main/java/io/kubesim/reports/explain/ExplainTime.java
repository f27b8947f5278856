package io.kubesim.reports.explain;

import java.util.Locale;

/** Virtual time as {@code kubesim explain} prints it: {@code m:ss.s}, or {@code h:mm:ss.s} past an hour. */
public final class ExplainTime {
    private ExplainTime() {
    }

    public static String format(double seconds) {
        long tenths = Math.round(seconds * 10);
        long h = tenths / 36000;
        long m = (tenths / 600) % 60;
        double s = (tenths % 600) / 10.0;
        if (h > 0) {
            return String.format(Locale.ROOT, "%d:%02d:%04.1f", h, m, s);
        }
        return String.format(Locale.ROOT, "%d:%04.1f", m, s);
    }
}
