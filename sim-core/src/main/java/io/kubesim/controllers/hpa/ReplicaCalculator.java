package io.kubesim.controllers.hpa;

import java.util.List;

/**
 * The replica proposal of one Resource metric (replica_calculator.go, k8s-semantics.md 1.3 and
 * 1.4): average the ready pods' samples, return the current count when within tolerance, else
 * {@code ceil(ratio × ready pods)}; with missing or unready pods, fill them in pessimistically and
 * scale only if the filled-in ratio still points the same way.
 *
 * <p>Worked example (TestReplicaCalcScaleUp): 3 pods request 2000m, use 600/1000/1400m, target
 * 30 %: utilization = 3000×100/6000 = 50, ratio 1.667, replicas ceil(1.667 × 3) = 5.
 */
public final class ReplicaCalculator {
    private final double tolerance;
    private final PodGrouping grouping;

    public ReplicaCalculator(double tolerance, PodGrouping grouping) {
        this.tolerance = tolerance;
        this.grouping = grouping;
    }

    /** Within tolerance: {@code (1 − tol) ≤ r ≤ (1 + tol)} (1.3 "Tolerance test"). */
    boolean withinTolerance(double ratio) {
        return ratio >= 1 - tolerance && ratio <= 1 + tolerance;
    }

    /** A Utilization target in percent of the pods' requests (1.3). */
    public Proposal utilizationReplicas(int current, int targetUtilization, List<HpaPod> pods, boolean cpu, long now) {
        return calculate(current, targetUtilization, pods, cpu, now, true);
    }

    /** An AverageValue target on a Resource metric: the plain-metric algorithm (1.4) with resource readiness. */
    public Proposal averageValueReplicas(int current, long targetAverage, List<HpaPod> pods, boolean cpu, long now) {
        return calculate(current, targetAverage, pods, cpu, now, false);
    }

    private Proposal calculate(int current, long target, List<HpaPod> pods, boolean cpu, long now, boolean utilization) {
        if (pods.isEmpty()) {
            return Proposal.invalid("no pods returned by selector while calculating replica count");
        }
        int unready = 0;
        int missing = 0;
        int ignored = 0;
        long usageSum = 0;
        long requestSum = 0;
        int samples = 0;
        for (HpaPod pod : pods) {
            // upstream calculateRequests: every targeted pod needs the request, whatever its bucket
            if (utilization && pod.request() < 0) {
                return Proposal.invalid("missing request for " + (cpu ? "cpu" : "memory") + " in Pod " + pod.name());
            }
            PodBucket bucket = grouping.classify(pod, cpu, now);
            switch (bucket) {
                case IGNORED -> ignored++;
                case UNREADY -> unready++;
                case MISSING -> missing++;
                case READY -> {
                    usageSum += pod.sample().value();
                    requestSum += Math.max(0, pod.request());
                    samples++;
                }
            }
        }
        int readyPods = pods.size() - unready - missing - ignored;
        if (samples == 0) {
            return Proposal.invalid("did not receive metrics for targeted pods (pods might be unready)");
        }
        if (utilization && requestSum == 0) {
            return Proposal.invalid("no metrics returned matched known pods");
        }
        int observed = utilization ? (int) (usageSum * 100 / requestSum) : -1;
        long rawAverage = usageSum / samples;
        double ratio = utilization ? (double) observed / target : (double) rawAverage / target;

        boolean scaleUpWithUnready = unready > 0 && ratio > 1;
        if (!scaleUpWithUnready && missing == 0) {
            if (withinTolerance(ratio)) {
                return new Proposal(current, observed, rawAverage, null);
            }
            return new Proposal((int) Math.ceil(ratio * readyPods), observed, rawAverage, null);
        }
        // rebalance: missing pods pessimistically, unready pods as 0 when scaling up (1.3 step 5)
        for (HpaPod pod : pods) {
            PodBucket bucket = grouping.classify(pod, cpu, now);
            long request = Math.max(0, pod.request());
            if (bucket == PodBucket.MISSING && ratio != 1) {
                long fill = 0;
                if (ratio < 1) {
                    fill = utilization ? request * Math.max(100, target) / 100 : target;
                }
                usageSum += fill;
                requestSum += request;
                samples++;
            } else if (bucket == PodBucket.UNREADY && scaleUpWithUnready) {
                requestSum += request;
                samples++;
            }
        }
        double newRatio = utilization
                ? (double) (int) (usageSum * 100 / requestSum) / target
                : (double) (usageSum / samples) / target;
        if (withinTolerance(newRatio) || (ratio > 1 && newRatio < 1) || (ratio < 1 && newRatio > 1)) {
            return new Proposal(current, observed, rawAverage, null);
        }
        int replicas = (int) Math.ceil(newRatio * samples);
        if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current)) {
            return new Proposal(current, observed, rawAverage, null);
        }
        return new Proposal(replicas, observed, rawAverage, null);
    }
}
