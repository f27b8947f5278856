package io.kubesim.controllers.job;

import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The Job controller's back-off between failed pods (k8s-semantics.md 13.3, backoff_utils.go):
 * after {@code n} failures finished later than the latest success, the next pod is created at
 * {@code lastFailureFinishTime + min(10 s × 2^(n−1), 10 min)}, so 10, 20, 40, 80, 160, 320, 600,
 * 600 … s. A newer success starts the count again.
 */
public final class PodFailureBackoff {
    /** DefaultJobPodFailureBackOff. */
    public static final long INITIAL = SimTime.seconds(10);
    /** MaxJobPodFailureBackOff (the docs say six minutes; the code, which kubesim follows, ten). */
    public static final long MAX = SimTime.minutes(10);

    private final List<Long> failureFinishTimes = new ArrayList<>();
    private long lastSuccessFinishTime = -1;

    /** A pod failed; {@code finishedAt} is when it finished (virtual microseconds). */
    public void failed(long finishedAt) {
        failureFinishTimes.add(finishedAt);
    }

    /** A pod succeeded at {@code finishedAt}. */
    public void succeeded(long finishedAt) {
        lastSuccessFinishTime = Math.max(lastSuccessFinishTime, finishedAt);
    }

    /** failuresAfterLastSuccess. */
    public int failuresAfterLastSuccess() {
        int n = 0;
        for (long t : failureFinishTimes) {
            if (t > lastSuccessFinishTime) {
                n++;
            }
        }
        return n;
    }

    /** The delay after {@code n} failures: {@code min(10 s × 2^(n−1), 10 min)}; 0 for none. */
    public static long delay(int n) {
        if (n <= 0) {
            return 0;
        }
        if (n > 10) {
            return MAX;
        }
        return Math.min(INITIAL << (n - 1), MAX);
    }

    /** How long from {@code now} until the next pod may be created; 0 when it may be now. */
    public long remaining(long now) {
        int n = failuresAfterLastSuccess();
        if (n == 0) {
            return 0;
        }
        long last = Long.MIN_VALUE;
        for (long t : failureFinishTimes) {
            if (t > lastSuccessFinishTime) {
                last = Math.max(last, t);
            }
        }
        return Math.max(0, last + delay(n) - now);
    }
}
