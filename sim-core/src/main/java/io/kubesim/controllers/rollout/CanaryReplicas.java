package io.kubesim.controllers.rollout;

import java.util.ArrayList;
import java.util.List;

/**
 * How many pods the canary and the stable ReplicaSet get for a weight (k8s-semantics.md 20.3):
 * without a traffic router the weight is approximated by pod counts within maxSurge and
 * maxUnavailable (CalculateReplicaCountsForBasicCanary); with one, the canary gets
 * {@code ceil(W x R / 100)} and the stable stays at R (CalculateReplicaCountsForTrafficRoutedCanary).
 */
final class CanaryReplicas {
    static final int MAX_WEIGHT = 100;

    private CanaryReplicas() {
    }

    /** A ReplicaSet as the calculation sees it: spec.replicas and status.availableReplicas. */
    record Counts(int replicas, int available) {
    }

    /** The canary and stable sizes. */
    record Split(int canary, int stable) {
    }

    /**
     * approximateWeightedCanaryStableReplicaCounts: the canary and stable counts whose canary
     * share is closest to {@code weight}, out of R or (with surge allowed) R + 1 pods.
     */
    static Split approximate(int specReplicas, int weight, int maxSurge) {
        if (specReplicas == 0) {
            return new Split(0, 0);
        }
        int ceil = (int) Math.ceil((double) specReplicas * weight / MAX_WEIGHT);
        int floor = (int) Math.floor((double) specReplicas * weight / MAX_WEIGHT);
        boolean zeroAllowed = weight == MAX_WEIGHT || weight == 0 || (specReplicas == 1 && maxSurge == 0);
        List<int[]> options = new ArrayList<>();
        if (ceil < specReplicas || zeroAllowed) {
            options.add(new int[] {ceil, specReplicas});
        }
        if (!tied(weight, specReplicas) && (floor != 0 || zeroAllowed)) {
            options.add(new int[] {floor, specReplicas});
        }
        if (maxSurge > 0) {
            options.add(new int[] {ceil, specReplicas + 1});
            if (!tied(weight, specReplicas + 1) && (floor != 0 || zeroAllowed)) {
                options.add(new int[] {floor, specReplicas + 1});
            }
        }
        if (options.isEmpty()) {
            return new Split(0, specReplicas);
        }
        int[] best = options.get(0);
        double bestDelta = delta(weight, best[0], best[1]);
        for (int i = 1; i < options.size(); i++) {
            double d = delta(weight, options.get(i)[0], options.get(i)[1]);
            if (d < bestDelta) {
                best = options.get(i);
                bestDelta = d;
            }
        }
        return new Split(best[0], best[1] - best[0]);
    }

    private static boolean tied(int weight, int total) {
        double v = (double) total * weight / MAX_WEIGHT;
        return v - Math.floor(v) == 0.5;
    }

    private static double delta(int weight, int canary, int total) {
        return Math.abs((double) canary * MAX_WEIGHT / total - weight);
    }

    /**
     * CalculateReplicaCountsForBasicCanary: the sizes to set now for the new (canary) and stable
     * ReplicaSets on the way to {@code weight}: scale up within R + maxSurge (stable first), stop
     * while older ReplicaSets still have pods, then scale down within R - maxUnavailable, counting
     * only the available pods of the side that is growing.
     *
     * @param newRs    null when there is none yet
     * @param stableRs null when there is no stable distinct from the new ReplicaSet
     * @param olderReplicas spec.replicas summed over the other ReplicaSets
     */
    static Split basic(int specReplicas, int weight, int maxSurge, int maxUnavailable, Counts newRs, Counts stableRs,
                       int olderReplicas) {
        Split target = approximate(specReplicas, weight, maxSurge);
        int desiredNew = target.canary();
        int desiredStable = target.stable();
        int newCount = newRs == null ? 0 : newRs.replicas();
        int stableCount = 0;
        boolean scaleStable = stableRs != null;
        if (scaleStable) {
            stableCount = stableRs.replicas();
        } else {
            desiredNew = specReplicas;
            desiredStable = 0;
        }
        int maxAllowed = specReplicas + maxSurge;
        int total = olderReplicas + (newRs == null ? 0 : newRs.replicas()) + (scaleStable ? stableRs.replicas() : 0);
        int scaleUp = maxAllowed - total;
        if (scaleStable && stableRs.replicas() < desiredStable && scaleUp > 0) {
            if (stableRs.replicas() + scaleUp < desiredStable) {
                stableCount = stableRs.replicas() + scaleUp;
                scaleUp = 0;
            } else {
                stableCount = desiredStable;
                scaleUp -= desiredStable - stableRs.replicas();
            }
        }
        if (newRs != null && newRs.replicas() < desiredNew && scaleUp > 0) {
            newCount = Math.min(newRs.replicas() + scaleUp, desiredNew);
        }
        if (olderReplicas > 0) {
            return new Split(newCount, stableCount);
        }
        int minAvailable = specReplicas - maxUnavailable;
        boolean increasing = newRs == null || desiredNew >= newRs.replicas();
        int toScaleDown = forScaleDown(newRs, !increasing) + forScaleDown(stableRs, increasing);
        if (toScaleDown <= minAvailable) {
            return new Split(newCount, stableCount);
        }
        int scaleDown = toScaleDown - minAvailable;
        if (!increasing) {
            newCount = scaleDownCount(newRs, desiredNew, scaleDown, newCount);
            int[] adjusted = withinLimits(newRs, stableRs, newCount, stableCount, maxAllowed, minAvailable);
            newCount = adjusted[0];
            stableCount = adjusted[1];
        } else if (scaleStable) {
            stableCount = scaleDownCount(stableRs, desiredStable, scaleDown, stableCount);
            int[] adjusted = withinLimits(stableRs, newRs, stableCount, newCount, maxAllowed, minAvailable);
            stableCount = adjusted[0];
            newCount = adjusted[1];
        }
        return new Split(newCount, stableCount);
    }

    /** GetReplicasForScaleDown. */
    private static int forScaleDown(Counts rs, boolean ignoreAvailability) {
        if (rs == null) {
            return 0;
        }
        if (rs.replicas() < rs.available() || ignoreAvailability) {
            return rs.replicas();
        }
        return rs.available();
    }

    /** calculateScaleDownReplicaCount. */
    private static int scaleDownCount(Counts drain, int desired, int scaleDown, int current) {
        if (drain != null && drain.replicas() > desired) {
            return Math.max(desired, drain.replicas() - scaleDown);
        }
        return current;
    }

    /** adjustReplicaWithinLimits: keeps the pair within R + maxSurge without going below minAvailable. */
    private static int[] withinLimits(Counts drain, Counts adjust, int drainCount, int adjustCount, int maxAllowed,
                                      int minAvailable) {
        int over = Math.max(0, adjustCount + drainCount - maxAllowed);
        int totalAvailable = drain == null ? 0 : Math.min(drain.available(), drainCount);
        if (adjust != null) {
            adjustCount -= over;
            totalAvailable += Math.min(adjust.available(), adjustCount);
            int extraAvailable = Math.max(0, adjust.available() - adjustCount);
            int needed = Math.max(0, minAvailable - totalAvailable);
            adjustCount += Math.min(extraAvailable, needed);
            over = Math.max(0, adjustCount + drainCount - maxAllowed);
            drainCount -= over;
        }
        return new int[] {drainCount, adjustCount};
    }

    /** trafficWeightToReplicas: {@code ceil(weight x replicas / 100)}. */
    static int forWeight(int replicas, int weight) {
        return (int) Math.ceil((double) weight * replicas / MAX_WEIGHT);
    }

    /** CheckMinPodsPerReplicaSet (traffic routing only): at least minPods (capped at R), unless 0. */
    static int atLeastMinPods(int count, Integer minPods, int specReplicas) {
        if (count == 0 || minPods == null) {
            return count;
        }
        return Math.max(count, Math.min(minPods, specReplicas));
    }
}
