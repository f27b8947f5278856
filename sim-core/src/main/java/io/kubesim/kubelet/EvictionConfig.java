package io.kubesim.kubelet;

import io.kubesim.engine.SimTime;

/**
 * A node's kubelet settings for node-pressure eviction of the {@code memory.available} signal
 * (k8s-semantics.md 4.5): the hard threshold (default {@code memory.available<100Mi}), an optional
 * soft threshold with its grace period, the pressure transition period, the longest grace a soft
 * eviction gives a pod, and the minimum reclaim.
 *
 * @param hard                     null for none
 * @param soft                     null for none
 * @param softGracePeriod          how long the soft threshold must be met before it acts
 * @param pressureTransitionPeriod how long MemoryPressure stays True after the last time a threshold was met
 * @param maxPodGracePeriodSeconds evictionMaxPodGracePeriod: soft evictions give min(this, the pod's own)
 * @param minimumReclaimBytes      evictionMinimumReclaim for memory.available
 */
public record EvictionConfig(Threshold hard, Threshold soft, long softGracePeriod, long pressureTransitionPeriod,
                             long maxPodGracePeriodSeconds, long minimumReclaimBytes) {
    /** The kubelet's default hard threshold, {@code memory.available<100Mi}. */
    public static final Threshold DEFAULT_HARD = Threshold.bytes(100L << 20);
    /** evictionPressureTransitionPeriod's default. */
    public static final long DEFAULT_TRANSITION = SimTime.minutes(5);
    /** Upstream defaults: the hard threshold only, 5 min transition, no maximum grace, no minimum reclaim. */
    public static final EvictionConfig DEFAULT = new EvictionConfig(DEFAULT_HARD, null, 0, DEFAULT_TRANSITION, 0, 0);

    public EvictionConfig {
        if (soft != null && softGracePeriod <= 0) {
            throw new IllegalArgumentException("a soft threshold needs a grace period");
        }
    }

    /** A threshold on memory.available: a quantity of bytes, or a fraction of the node's capacity. */
    public record Threshold(long bytes, double fraction) {
        public Threshold {
            if (bytes < 0 && (fraction <= 0 || fraction >= 1)) {
                throw new IllegalArgumentException("a threshold is a positive quantity or a fraction in (0, 1)");
            }
        }

        public static Threshold bytes(long b) {
            if (b <= 0) {
                throw new IllegalArgumentException("a threshold quantity must be positive");
            }
            return new Threshold(b, 0);
        }

        public static Threshold fraction(double f) {
            return new Threshold(-1, f);
        }

        /** The threshold in bytes on a node with this much memory. */
        public long quantity(long capacityBytes) {
            return bytes >= 0 ? bytes : (long) Math.floor(fraction * capacityBytes);
        }

        /** As the kubelet writes it in messages: {@code 100Mi} or {@code 10%}. */
        @Override
        public String toString() {
            return bytes >= 0 ? MemoryQuantity.format(bytes) : MemoryQuantity.percent(fraction);
        }
    }
}
