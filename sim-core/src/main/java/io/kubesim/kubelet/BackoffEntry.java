package io.kubesim.kubelet;

/**
 * One entry of client-go's {@code flowcontrol.Backoff}, the bookkeeping behind both of the
 * kubelet's back-offs (container restarts, 4.2; image pulls, 18.3): a window that starts at
 * {@code initial}, doubles at each {@link #next} up to {@code max}, and starts over when the
 * entry was last updated more than 2 × max before the event.
 */
final class BackoffEntry {
    private final long initial;
    private final long max;
    private long window = -1;
    private long lastUpdate;

    BackoffEntry(long initial, long max) {
        this.initial = initial;
        this.max = max;
    }

    /** No window yet, or the last update is more than 2 × max older than {@code eventTime}. */
    boolean expiredAt(long eventTime) {
        return window < 0 || eventTime - lastUpdate > 2 * max;
    }

    /** Next: the window for an event at {@code eventTime}, recorded as updated at {@code at}. */
    void next(long eventTime, long at) {
        window = expiredAt(eventTime) ? initial : Math.min(window * 2, max);
        lastUpdate = at;
    }

    /** The current window; the initial one before any {@link #next}. */
    long window() {
        return window < 0 ? initial : window;
    }

    /** Whether {@link #next} was ever called. */
    boolean started() {
        return window >= 0;
    }

    long lastUpdate() {
        return lastUpdate;
    }
}
