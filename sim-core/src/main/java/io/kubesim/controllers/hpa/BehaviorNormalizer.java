package io.kubesim.controllers.hpa;

import io.kubesim.api.HpaScalingPolicy;
import io.kubesim.api.HpaScalingRules;
import static io.kubesim.engine.SimTime.MICROS_PER_SECOND;

/**
 * normalizeDesiredReplicasWithBehaviors (k8s-semantics.md 1.9): stabilization over both windows,
 * then the rate limits of the scale-up or scale-down policies computed from the replica changes of
 * each policy's period, then minReplicas/maxReplicas. Keeps one HPA's recommendations and scale events.
 *
 * <p>Examples: default scale-up from 10 → max(10 + 4, ceil(10 × 2)) = 20. Scale-up events
 * [1, 5, 9] in the last 120 s, Percent 200 per 120 s, current 100 → period start 85 → 255.
 */
public final class BehaviorNormalizer {
    private final HpaScalingRules up;
    private final HpaScalingRules down;
    private final Recommendations recommendations = new Recommendations();
    private final ScaleEvents upEvents = new ScaleEvents();
    private final ScaleEvents downEvents = new ScaleEvents();
    private String reason = "DesiredWithinRange";

    public BehaviorNormalizer(HpaScalingRules up, HpaScalingRules down) {
        this.up = up;
        this.down = down;
    }

    public int normalize(int desired, int current, int minReplicas, int maxReplicas, long now) {
        int stabilized = stabilize(desired, current, now);
        return limit(stabilized, current, minReplicas, maxReplicas, now);
    }

    /** Step 1: {@code current} clamped into [min of the up window, max of the down window]. */
    int stabilize(int desired, int current, long now) {
        long upCutoff = now - up.stabilizationWindowSeconds() * MICROS_PER_SECOND;
        long downCutoff = now - down.stabilizationWindowSeconds() * MICROS_PER_SECOND;
        int upRec = recommendations.minNewerThan(upCutoff, desired);
        int downRec = recommendations.maxNewerThan(downCutoff, desired);
        recommendations.store(desired, now, Math.min(upCutoff, downCutoff));
        int result = current;
        if (result < upRec) {
            result = upRec;
        }
        if (result > downRec) {
            result = downRec;
        }
        return result;
    }

    /** Step 2 (convertDesiredReplicasWithBehaviorRate). */
    int limit(int desired, int current, int minReplicas, int maxReplicas, long now) {
        if (desired > current) {
            int upLimit = Math.max(current, scaleUpLimit(current, now));
            int maxAllowed;
            if (upLimit < maxReplicas) {
                maxAllowed = upLimit;
                reason = "ScaleUpLimit";
            } else {
                maxAllowed = maxReplicas;
                reason = "TooManyReplicas";
            }
            if (desired > maxAllowed) {
                return maxAllowed;
            }
        } else if (desired < current) {
            int downLimit = Math.min(current, scaleDownLimit(current, now));
            int minAllowed;
            if (downLimit > minReplicas) {
                minAllowed = downLimit;
                reason = "ScaleDownLimit";
            } else {
                minAllowed = minReplicas;
                reason = "TooFewReplicas";
            }
            if (desired < minAllowed) {
                return minAllowed;
            }
        }
        reason = "DesiredWithinRange";
        return desired;
    }

    int scaleUpLimit(int current, long now) {
        if (up.selectPolicy() == HpaScalingRules.SelectPolicy.DISABLED) {
            return current;
        }
        boolean min = up.selectPolicy() == HpaScalingRules.SelectPolicy.MIN;
        int result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (HpaScalingPolicy p : up.policies()) {
            long cutoff = now - p.periodSeconds() * MICROS_PER_SECOND;
            int periodStart = current - upEvents.changeSince(cutoff) + downEvents.changeSince(cutoff);
            int proposed = p.type() == HpaScalingPolicy.Type.PODS
                    ? periodStart + p.value()
                    : (int) Math.ceil(periodStart * (1 + p.value() / 100.0));
            result = min ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    int scaleDownLimit(int current, long now) {
        if (down.selectPolicy() == HpaScalingRules.SelectPolicy.DISABLED) {
            return current;
        }
        boolean min = down.selectPolicy() == HpaScalingRules.SelectPolicy.MIN;
        int result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (HpaScalingPolicy p : down.policies()) {
            long cutoff = now - p.periodSeconds() * MICROS_PER_SECOND;
            int periodStart = current - upEvents.changeSince(cutoff) + downEvents.changeSince(cutoff);
            int proposed = p.type() == HpaScalingPolicy.Type.PODS
                    ? periodStart - p.value()
                    : (int) (periodStart * (1 - p.value() / 100.0));
            result = min ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    /** storeScaleEvent: records a rescale from {@code from} to {@code to} replicas. */
    public void recordRescale(int from, int to, long now) {
        if (to > from) {
            upEvents.store(to - from, now, now - up.longestPeriodSeconds() * MICROS_PER_SECOND);
        } else if (to < from) {
            downEvents.store(from - to, now, now - down.longestPeriodSeconds() * MICROS_PER_SECOND);
        }
    }

    /** The ScalingLimited reason of the last normalization. */
    public String reason() {
        return reason;
    }
}
