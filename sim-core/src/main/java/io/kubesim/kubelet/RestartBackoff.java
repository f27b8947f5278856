package io.kubesim.kubelet;

/**
 * CrashLoopBackOff for one container (k8s-semantics.md 4.2; kuberuntime_manager.go doBackOff
 * with client-go flowcontrol.Backoff). The first exit restarts at once and starts a 10 s window;
 * each later exit inside the bookkeeping doubles the window up to 300 s, so restarts wait 0, 10,
 * 20, 40, 80, 160, 300, 300 ... seconds. An entry last updated more than 2 × max = 600 s before
 * the exit is reset, so a container that ran fine for ten minutes restarts at once again.
 */
final class RestartBackoff {
    private final BackoffEntry entry;

    RestartBackoff(long initial, long max) {
        this.entry = new BackoffEntry(initial, max);
    }

    /**
     * The delay before restarting a container that exited at {@code finishedAt}, as seen at
     * {@code now}, and the bookkeeping for it (IsInBackOffSince, then Next when it may start).
     */
    long delayAfterExit(long finishedAt, long now) {
        if (!entry.expiredAt(finishedAt) && now - finishedAt < entry.window()) {
            long restartAt = finishedAt + entry.window();
            entry.next(finishedAt, restartAt);
            return restartAt - now;
        }
        entry.next(finishedAt, now);
        return 0;
    }

    /** The current window, for the CrashLoopBackOff message; the initial value before any exit. */
    long current() {
        return entry.window();
    }
}
