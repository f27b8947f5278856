package io.kubesim.controllers.hpa;

/**
 * normalizeDesiredReplicas for an HPA without {@code spec.behavior} (k8s-semantics.md 1.8): keep
 * the largest recommendation of the downscale-stabilization window, then clamp to
 * {@code [minReplicas, min(maxReplicas, max(2 × current, 4))]}.
 *
 * <p>Example: current 3, desired 1000, max 2000 → scale-up limit max(6, 4) = 6 (ScaleUpLimit).
 */
public final class LegacyNormalizer {
    private final long downscaleWindow;
    private final Recommendations recommendations = new Recommendations();
    private String reason = "DesiredWithinRange";

    /** @param downscaleWindow the controller's downscale stabilization, microseconds (default 5 min) */
    public LegacyNormalizer(long downscaleWindow) {
        this.downscaleWindow = downscaleWindow;
    }

    public int normalize(int desired, int current, int minReplicas, int maxReplicas, long now) {
        long cutoff = now - downscaleWindow;
        int stabilized = recommendations.maxNewerThan(cutoff - 1, desired);
        recommendations.store(desired, now, cutoff);
        return limit(current, stabilized, minReplicas, maxReplicas);
    }

    /** convertDesiredReplicasWithRules (1.8 step 2). */
    int limit(int current, int desired, int minReplicas, int maxReplicas) {
        int scaleUpLimit = Math.max(2 * current, 4);
        int maxAllowed;
        if (maxReplicas > scaleUpLimit) {
            maxAllowed = scaleUpLimit;
            reason = "ScaleUpLimit";
        } else {
            maxAllowed = maxReplicas;
            reason = "TooManyReplicas";
        }
        if (desired < minReplicas) {
            reason = "TooFewReplicas";
            return minReplicas;
        }
        if (desired > maxAllowed) {
            return maxAllowed;
        }
        reason = "DesiredWithinRange";
        return desired;
    }

    /** The ScalingLimited reason of the last normalization. */
    public String reason() {
        return reason;
    }
}
