package io.kubesim.reports.explain;

import java.util.List;
import java.util.Locale;

/** Small phrases the explainers share: counts with their noun, durations, name lists. */
final class Words {
    /** Names listed in full up to this many; beyond it, the first ones and "and N more". */
    static final int LIST_LIMIT = 6;

    private Words() {
    }

    /** {@code 1 pod}, {@code 3 pods}. */
    static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** A duration in seconds with one decimal: {@code 15.1 s}. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** A number as a person writes it: {@code 300}, {@code 2.5}. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code a, b, c} or {@code a, b, c, d, e, f and 4 more}. */
    static String list(List<String> names) {
        if (names.size() <= LIST_LIMIT) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, LIST_LIMIT)) + " and " + (names.size() - LIST_LIMIT) + " more";
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}: every phrase, the last joined with "and". */
    static String and(List<String> phrases) {
        if (phrases.size() <= 1) {
            return String.join("", phrases);
        }
        return String.join(", ", phrases.subList(0, phrases.size() - 1)) + " and " + phrases.get(phrases.size() - 1);
    }

    /** A pod's name without its namespace. */
    static String podName(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }
}
