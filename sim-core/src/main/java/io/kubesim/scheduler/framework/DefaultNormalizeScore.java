package io.kubesim.scheduler.framework;

/**
 * upstream helper.DefaultNormalizeScore (k8s-semantics.md 3.5): scales scores so the maximum
 * becomes {@code maxPriority}, with integer division; {@code reverse} flips them
 * ({@code maxPriority - s}). When every score is 0 they stay 0, or all become
 * {@code maxPriority} when reversed.
 */
public final class DefaultNormalizeScore {
    private DefaultNormalizeScore() {
    }

    public static void normalize(long maxPriority, boolean reverse, long[] scores) {
        long max = 0;
        for (long s : scores) {
            if (s > max) {
                max = s;
            }
        }
        if (max == 0) {
            if (reverse) {
                java.util.Arrays.fill(scores, maxPriority);
            }
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            long s = maxPriority * scores[i] / max;
            scores[i] = reverse ? maxPriority - s : s;
        }
    }
}
