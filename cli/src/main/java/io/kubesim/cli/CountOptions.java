package io.kubesim.cli;

import io.kubesim.scenarios.Limits;

/** The checks of the count options several commands share: {@code --replications} and {@code --jobs}. */
public final class CountOptions {
    private CountOptions() {
    }

    /** {@code --replications}: from 1 to {@link Limits#MAX_REPLICATIONS}. */
    public static void replications(int n) {
        if (n < 1 || n > Limits.MAX_REPLICATIONS) {
            throw new UsageError("--replications " + n + ": expected 1 to " + Limits.MAX_REPLICATIONS
                    + " (a 95 % interval is already tight at 30)");
        }
    }

    /** {@code --jobs}: 1 or more, when given. */
    public static void jobs(Integer n) {
        if (n != null && n < 1) {
            throw new UsageError("--jobs " + n + ": must be at least 1");
        }
    }
}
