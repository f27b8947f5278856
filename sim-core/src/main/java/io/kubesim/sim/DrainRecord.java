package io.kubesim.sim;

/**
 * One node drain as it went: when it started and ended, how many evictions were refused along
 * the way, and why it failed if it did. Filled in while the drain runs.
 */
public final class DrainRecord {
    private final String node;
    private final long start;
    private long end = -1;
    private long evictionsBlocked;
    private long evicted;
    private String error;

    DrainRecord(String node, long start) {
        this.node = node;
        this.start = start;
    }

    public String node() {
        return node;
    }

    /** When the drain began (the cordon), in virtual microseconds. */
    public long start() {
        return start;
    }

    /** When the last pod was gone; -1 while running or when the drain failed. */
    public long end() {
        return end;
    }

    public boolean completed() {
        return end >= 0;
    }

    /** Eviction requests refused with 429 (each retry counts). */
    public long evictionsBlocked() {
        return evictionsBlocked;
    }

    /** Pods the eviction API accepted to evict. */
    public long evicted() {
        return evicted;
    }

    /** Why the drain failed, as kubectl words it; null when it did not fail. */
    public String error() {
        return error;
    }

    void evictedOne() {
        evicted++;
    }

    void blocked() {
        evictionsBlocked++;
    }

    void finish(long at) {
        end = at;
    }

    void fail(String why) {
        error = why;
    }
}
