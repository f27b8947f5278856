package io.kubesim.controllers;

import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.IntOrPercent;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ReplicaSet;
import java.util.Collection;

/**
 * maxSurge and maxUnavailable resolved against the desired replicas (k8s-semantics.md 2.2,
 * deployment_util.go ResolveFenceposts): surge rounds up, unavailable rounds down, and when both
 * come out 0 unavailable becomes 1.
 *
 * <p>Worked examples: 10 replicas with 25%/25% give surge ceil(2.5) = 3 and unavailable
 * floor(2.5) = 2, so a rollout keeps between 8 available and 13 pods. 3 replicas with 25%/25%
 * give surge ceil(0.75) = 1 and unavailable floor(0.75) = 0: one extra pod at a time, none lost.
 */
public record Fenceposts(int surge, int unavailable) {

    /** Resolves the strategy's values against {@code replicas}. */
    public static Fenceposts resolve(IntOrPercent maxSurge, IntOrPercent maxUnavailable, int replicas) {
        int surge = maxSurge == null ? 0 : maxSurge.scaledValue(replicas, true);
        int unavailable = maxUnavailable == null ? 0 : maxUnavailable.scaledValue(replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Fenceposts(surge, unavailable);
    }

    /** MaxSurge(d): the resolved surge for RollingUpdate, 0 for Recreate. */
    public static int maxSurge(Deployment d) {
        DeploymentStrategy s = d.strategy();
        if (s.recreate()) {
            return 0;
        }
        return resolve(s.maxSurge(), s.maxUnavailable(), d.replicas()).surge();
    }

    /** MaxUnavailable(d): 0 for Recreate or 0 replicas, else min(resolved unavailable, replicas). */
    public static int maxUnavailable(Deployment d) {
        DeploymentStrategy s = d.strategy();
        if (s.recreate() || d.replicas() == 0) {
            return 0;
        }
        return Math.min(resolve(s.maxSurge(), s.maxUnavailable(), d.replicas()).unavailable(), d.replicas());
    }

    /** MinAvailable(d) = replicas − MaxUnavailable(d) for RollingUpdate, 0 for Recreate. */
    public static int minAvailable(Deployment d) {
        return d.strategy().recreate() ? 0 : d.replicas() - maxUnavailable(d);
    }

    /**
     * NewRSNewReplicas (k8s-semantics.md 2.3): the size the new ReplicaSet may grow to now.
     * RollingUpdate: {@code new + min(replicas + surge − Σspec, replicas − new)}, unchanged when
     * Σspec already reaches replicas + surge. Recreate: replicas.
     */
    public static int newReplicaSetReplicas(Deployment d, Collection<ReplicaSet> all, ReplicaSet newRs) {
        if (d.strategy().recreate()) {
            return d.replicas();
        }
        int current = newRs == null ? 0 : newRs.replicas();
        int maxTotal = d.replicas() + maxSurge(d);
        int sum = specSum(all);
        if (sum >= maxTotal) {
            return current;
        }
        int scaleUp = Math.min(maxTotal - sum, d.replicas() - current);
        return current + scaleUp;
    }

    static int specSum(Collection<ReplicaSet> rss) {
        int n = 0;
        for (ReplicaSet rs : rss) {
            if (rs != null) {
                n += rs.replicas();
            }
        }
        return n;
    }
}
