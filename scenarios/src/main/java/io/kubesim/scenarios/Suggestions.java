package io.kubesim.scenarios;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt field and object names: the closest known name by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The known name closest to {@code given}, if it is close enough to be a plausible typo
     * (at most a third of its letters differ, ignoring case); {@code null} otherwise. Ties go to the
     * first candidate in iteration order, so callers pass sorted collections.
     */
    public static String closest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(given.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best == null) {
            return null;
        }
        int limit = Math.max(1, Math.max(given.length(), best.length()) / 3);
        return bestDistance <= limit ? best : null;
    }

    /** {@code : did you mean "x"?} or an empty string. */
    public static String didYouMean(String given, Collection<String> known) {
        String c = closest(given, known);
        return c == null ? "" : ": did you mean \"" + c + "\"?";
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
