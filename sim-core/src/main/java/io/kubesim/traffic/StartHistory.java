package io.kubesim.traffic;

import io.kubesim.engine.DurationDistribution;

/**
 * The requests a fluid pod started recently, per step: enough to know how many it still holds at
 * any instant, {@code sum of started(k) * P(service time > now - t(k))} (the mean of an M/G/∞
 * population, exact for any service-time distribution). Steps whose requests have all finished,
 * save a millionth, are dropped, so the history is as long as the longest service time.
 */
final class StartHistory {
    private static final double NEGLIGIBLE = 1e-6;

    private final SurvivalMemo memo;
    private long[] times = new long[8];
    private double[] volumes = new double[8];
    private double[] slowdowns = new double[8];
    private int head;
    private int size;

    StartHistory(SurvivalMemo memo) {
        this.memo = memo;
    }

    /** {@code volume} requests started at about {@code time}, served {@code slowdown} times slower. */
    void add(long time, double volume, double slowdown) {
        if (!(volume > 0)) {
            return;
        }
        if (size == times.length) {
            grow();
        }
        int i = (head + size) % times.length;
        times[i] = time;
        volumes[i] = volume;
        slowdowns[i] = slowdown;
        size++;
    }

    /** The requests still being served at {@code now}; drops the steps that are done. */
    double held(long now, DurationDistribution service) {
        double held = 0;
        while (size > 0 && remaining(head, now, service) < NEGLIGIBLE) {
            head = (head + 1) % times.length;
            size--;
        }
        for (int k = 0; k < size; k++) {
            int i = (head + k) % times.length;
            held += volumes[i] * remaining(i, now, service);
        }
        return held;
    }

    /**
     * As {@link #held}, counting only the requests started at {@code since} or later: what a pod
     * that joined a {@link FluidCohort} at {@code since} holds of the cohort's starts.
     */
    double heldSince(long since, long now, DurationDistribution service) {
        held(now, service); // drops the steps that are done
        double held = 0;
        for (int k = 0; k < size; k++) {
            int i = (head + k) % times.length;
            if (times[i] >= since) {
                held += volumes[i] * remaining(i, now, service);
            }
        }
        return held;
    }

    /** The earliest start kept, {@link Long#MAX_VALUE} when none. */
    long oldest() {
        long oldest = Long.MAX_VALUE;
        for (int k = 0; k < size; k++) {
            oldest = Math.min(oldest, times[(head + k) % times.length]);
        }
        return oldest;
    }

    /** Adds {@code other}'s steps started at {@code since} or later, as they are. */
    void appendSince(StartHistory other, long since) {
        for (int k = 0; k < other.size; k++) {
            int i = (other.head + k) % other.times.length;
            if (other.times[i] >= since) {
                add(other.times[i], other.volumes[i], other.slowdowns[i]);
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        head = 0;
        size = 0;
    }

    private double remaining(int i, long now, DurationDistribution service) {
        return memo.survival(service, (now - times[i]) / slowdowns[i]);
    }

    private void grow() {
        int n = times.length * 2;
        long[] t = new long[n];
        double[] v = new double[n];
        double[] s = new double[n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) % times.length;
            t[k] = times[i];
            v[k] = volumes[i];
            s[k] = slowdowns[i];
        }
        times = t;
        volumes = v;
        slowdowns = s;
        head = 0;
    }
}
