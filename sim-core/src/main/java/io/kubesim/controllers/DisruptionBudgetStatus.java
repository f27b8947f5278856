package io.kubesim.controllers;

import io.kubesim.api.IntOrPercent;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.engine.SimTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The arithmetic of a PodDisruptionBudget's status (disruption.go getExpectedPodCount,
 * countHealthyPods, buildDisruptedPodMap, updatePdbStatus; k8s-semantics.md 6.1), kept apart
 * from the controller so that tests can pin each rule.
 */
public final class DisruptionBudgetStatus {
    private DisruptionBudgetStatus() {
    }

    /** A controller's identity and its {@code spec.replicas}. */
    public record Scale(String controllerUid, int replicas) {
    }

    /** Expected and desired healthy pods, and how many selected pods had no controller. */
    public record Counts(int expected, int desired, int unmanagedPods) {
    }

    /**
     * Expected pods and desired healthy pods (k8s-semantics.md 6.1): with maxUnavailable, or a
     * percent minAvailable, expected is the sum of the controllers' scales (pods without a
     * controller skipped, each controller counted once) and percentages round up; with an integer
     * minAvailable, expected is the number of selected pods.
     *
     * @param scaleOf the scale of a pod's controller, null for an unmanaged pod
     */
    public static Counts expected(PodDisruptionBudget pdb, List<Pod> pods, Function<Pod, Scale> scaleOf) {
        IntOrPercent min = pdb.minAvailable();
        if (min != null && !min.percent()) {
            return new Counts(pods.size(), min.value(), 0);
        }
        Map<String, Integer> scales = new LinkedHashMap<>();
        // pods of one owner share its scale: looked up once per owner, not once per pod
        Map<String, Scale> byOwner = new HashMap<>();
        int unmanaged = 0;
        for (Pod p : pods) {
            OwnerReference owner = p.metadata().owner();
            Scale s;
            if (owner == null) {
                s = scaleOf.apply(p);
            } else if (byOwner.containsKey(owner.uid())) {
                s = byOwner.get(owner.uid());
            } else {
                s = scaleOf.apply(p);
                byOwner.put(owner.uid(), s);
            }
            if (s == null) {
                unmanaged++;
            } else {
                scales.put(s.controllerUid(), s.replicas());
            }
        }
        return fromScales(pdb, scales, unmanaged);
    }

    /**
     * {@link #expected(PodDisruptionBudget, List, Function)} from counts: {@code pods} selected,
     * {@code ownerless} of them without a controller, the others by controller.
     *
     * @param scaleOf the scale of a controller, null when it is gone (its pods are unmanaged)
     */
    static Counts expected(PodDisruptionBudget pdb, int pods, Collection<BudgetPods.Owner> owners, int ownerless,
                           Function<OwnerReference, Scale> scaleOf) {
        IntOrPercent min = pdb.minAvailable();
        if (min != null && !min.percent()) {
            return new Counts(pods, min.value(), 0);
        }
        Map<String, Integer> scales = new HashMap<>();
        int unmanaged = ownerless;
        for (BudgetPods.Owner o : owners) {
            Scale s = scaleOf.apply(o.ref);
            if (s == null) {
                unmanaged += o.pods;
            } else {
                scales.put(s.controllerUid(), s.replicas());
            }
        }
        return fromScales(pdb, scales, unmanaged);
    }

    /** Expected is the sum of the controllers' scales, each counted once; then desired from the budget's rule. */
    private static Counts fromScales(PodDisruptionBudget pdb, Map<String, Integer> scales, int unmanaged) {
        int expected = 0;
        for (int r : scales.values()) {
            expected += r;
        }
        IntOrPercent min = pdb.minAvailable();
        if (pdb.maxUnavailable() != null) {
            int maxUnavailable = pdb.maxUnavailable().scaledValue(expected, true);
            return new Counts(expected, Math.max(0, expected - maxUnavailable), unmanaged);
        }
        return new Counts(expected, min.scaledValue(expected, true), unmanaged);
    }

    /**
     * Fills {@code kept} with the {@code disruptedPods} entries still pending: the pod exists, is
     * not yet being deleted, and its entry is younger than {@code timeout}.
     *
     * @return when the oldest kept entry expires, or {@link SimTime#NEVER}
     */
    public static long keptDisruptions(PodDisruptionBudget pdb, List<Pod> pods, long now, long timeout,
                                       Map<String, Long> kept) {
        long recheck = SimTime.NEVER;
        for (Pod p : pods) {
            Long at = pdb.disruptedPods().get(p.name());
            long expires = at == null ? SimTime.NEVER : keptUntil(p, at, now, timeout);
            if (expires != SimTime.NEVER) {
                kept.put(p.name(), at);
                recheck = Math.min(recheck, expires + 1);
            }
        }
        return recheck;
    }

    /**
     * Until when a {@code disruptedPods} entry made {@code at} for pod {@code p} is kept: its
     * expiry, or {@link SimTime#NEVER} when it is dropped now (the pod is being deleted, or the
     * entry is older than {@code timeout}).
     */
    public static long keptUntil(Pod p, long at, long now, long timeout) {
        if (p.metadata().isDeleting()) {
            return SimTime.NEVER;
        }
        long expires = at + timeout;
        return expires < now ? SimTime.NEVER : expires;
    }

    /**
     * Selected pods that are Ready, not being deleted and not awaiting a disruption. Pods without
     * a controller count too.
     */
    public static int currentHealthy(List<Pod> pods, Map<String, Long> disrupted) {
        int healthy = 0;
        for (Pod p : pods) {
            if (!p.metadata().isDeleting() && !disrupted.containsKey(p.name()) && p.isReady()) {
                healthy++;
            }
        }
        return healthy;
    }

    /** {@code max(currentHealthy - desired, 0)}, but 0 whenever no pod is expected. */
    public static int disruptionsAllowed(int expected, int desired, int currentHealthy) {
        if (expected <= 0) {
            return 0;
        }
        return Math.max(currentHealthy - desired, 0);
    }
}
