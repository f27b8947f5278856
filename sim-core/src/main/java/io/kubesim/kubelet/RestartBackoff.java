package io.kubesim.kubelet;

/**
 * CrashLoopBackOff for one container (k8s-semantics.md 4.2; kuberuntime_manager.go doBackOff
 * with client-go flowcontrol.Backoff). The first exit restarts at once and starts a 10 s window;
 * each later exit inside the bookkeeping doubles the window up to 300 s, so restarts wait 0, 10,
 * 20, 40, 80, 160, 300, 300 ... seconds. An entry last updated more than 2 × max = 600 s before
 * the exit is reset, so a container that ran fine for ten minutes restarts at once again.
 */
final class RestartBackoff {
    private final long initial;
    private final long max;
    private long backoff = -1;
    private long lastUpdate;

    RestartBackoff(long initial, long max) {
        this.initial = initial;
        this.max = max;
    }

    /**
     * The delay before restarting a container that exited at {@code finishedAt}, as seen at
     * {@code now}, and the bookkeeping for it (IsInBackOffSince, then Next when it may start).
     */
    long delayAfterExit(long finishedAt, long now) {
        boolean expired = backoff < 0 || finishedAt - lastUpdate > 2 * max;
        if (!expired && now - finishedAt < backoff) {
            long wait = finishedAt + backoff - now;
            next(finishedAt + backoff, finishedAt);
            return wait;
        }
        next(now, finishedAt);
        return 0;
    }

    private void next(long at, long eventTime) {
        if (backoff < 0 || eventTime - lastUpdate > 2 * max) {
            backoff = initial;
        } else {
            backoff = Math.min(backoff * 2, max);
        }
        lastUpdate = at;
    }

    /** The current window, for the CrashLoopBackOff message; the initial value before any exit. */
    long current() {
        return backoff < 0 ? initial : backoff;
    }
}
