package io.kubesim.kubelet;

/**
 * The image pull back-off of one pod and image (k8s-semantics.md 18.3): client-go's
 * {@code flowcontrol.Backoff} as the kubelet's image manager uses it, 10 s doubling to 300 s. A
 * failure sets the window (10 s for the first, or after 2 × max = 600 s without a failure; twice
 * the last one otherwise) from the failure's time; no pull is tried inside the window. Failed
 * pulls that take no time are therefore retried after 10, 20, 40, 80, 160, 300, 300 ... s.
 */
final class ImagePullBackoff {
    private final BackoffEntry entry;

    ImagePullBackoff(long initial, long max) {
        this.entry = new BackoffEntry(initial, max);
    }

    /** IsInBackOffSinceUpdate: a pull at {@code now} would fall inside the window of the last failure. */
    boolean inBackOff(long now) {
        return entry.started() && now - entry.lastUpdate() < entry.window();
    }

    /** When the window ends and a pull may be tried again. */
    long retryAt() {
        return entry.lastUpdate() + (entry.started() ? entry.window() : 0);
    }

    /** Next: a pull failed at {@code now}. */
    void failed(long now) {
        entry.next(now, now);
    }
}
