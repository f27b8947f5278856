package io.kubesim.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The pods/eviction subresource of the API server (pkg/registry/core/pod/storage/eviction.go,
 * k8s-semantics.md 6.2): deletes a pod unless that would break its PodDisruptionBudget. An
 * allowed eviction uses one of the budget's disruptions, records the pod in
 * {@code status.disruptedPods}, marks the pod with a DisruptionTarget condition and deletes it
 * with its grace period or the request's.
 */
public final class Eviction {
    public static final String TOO_MANY_REQUESTS_MESSAGE =
            "Cannot evict pod as it would violate the pod's disruption budget.";
    public static final String MULTIPLE_PDBS_MESSAGE =
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";
    public static final String DISRUPTION_TARGET_REASON = "EvictionByEvictionAPI";

    private final ClusterStore store;

    public Eviction(ClusterStore store) {
        this.store = store;
    }

    /**
     * Evicts a pod, as {@code POST pods/<name>/eviction} does.
     *
     * @param graceSeconds the DeleteOptions grace period; null uses the pod's own
     */
    public EvictionResult evict(Pod pod, Long graceSeconds) {
        if (!store.pods().contains(pod)) {
            return new EvictionResult(EvictionResult.NOT_FOUND, "pods \"" + pod.name() + "\" not found", "");
        }
        if (canIgnoreBudget(pod)) {
            return delete(pod, graceSeconds);
        }
        List<PodDisruptionBudget> budgets = budgetsFor(pod);
        if (budgets.size() > 1) {
            return new EvictionResult(EvictionResult.INTERNAL_ERROR, MULTIPLE_PDBS_MESSAGE, "");
        }
        if (budgets.isEmpty()) {
            return delete(pod, graceSeconds);
        }
        PodDisruptionBudget pdb = budgets.get(0);
        if (!pod.isReady()) {
            // An unhealthy pod does not count towards currentHealthy, so evicting it uses no budget.
            if (pdb.unhealthyPodEvictionPolicy() == UnhealthyPodEvictionPolicy.ALWAYS_ALLOW) {
                return delete(pod, graceSeconds);
            }
            if (pdb.currentHealthy() >= pdb.desiredHealthy() && pdb.desiredHealthy() > 0) {
                return delete(pod, graceSeconds);
            }
        }
        EvictionResult refused = checkAndDecrement(pdb, pod);
        if (refused != null) {
            return refused;
        }
        return delete(pod, graceSeconds);
    }

    /** The budgets selecting this pod. */
    public List<PodDisruptionBudget> budgetsFor(Pod pod) {
        List<PodDisruptionBudget> out = new ArrayList<>();
        for (PodDisruptionBudget pdb : store.podDisruptionBudgetsByNamespace().get(pod.namespace())) {
            if (pdb.selects(pod)) {
                out.add(pdb);
            }
        }
        return out;
    }

    /** Terminal, Pending and already-deleting pods are deleted without looking at budgets. */
    private static boolean canIgnoreBudget(Pod pod) {
        return pod.isTerminal() || pod.phase() == PodPhase.PENDING || pod.metadata().isDeleting();
    }

    /** Refuses (returns the answer) or uses one disruption of the budget (returns null). */
    private EvictionResult checkAndDecrement(PodDisruptionBudget pdb, Pod pod) {
        if (pdb.observedGeneration() < pdb.metadata().generation()) {
            return new EvictionResult(EvictionResult.TOO_MANY_REQUESTS, TOO_MANY_REQUESTS_MESSAGE,
                    "The disruption budget " + pdb.name() + " is still being processed by the server.");
        }
        if (pdb.disruptionsAllowed() < 0) {
            return new EvictionResult(EvictionResult.FORBIDDEN, "pdb disruptions allowed is negative", "");
        }
        if (pdb.disruptedPods().size() > PodDisruptionBudget.MAX_DISRUPTED_PODS) {
            return new EvictionResult(EvictionResult.FORBIDDEN,
                    "DisruptedPods map too big - too many evictions not confirmed by PDB controller", "");
        }
        if (pdb.disruptionsAllowed() == 0) {
            return new EvictionResult(EvictionResult.TOO_MANY_REQUESTS, TOO_MANY_REQUESTS_MESSAGE,
                    "The disruption budget " + pdb.name() + " needs " + pdb.desiredHealthy() + " healthy pods and has "
                            + pdb.currentHealthy() + " currently");
        }
        pdb.recordDisruption(pod.name(), store.now());
        store.podDisruptionBudgets().update(pdb);
        return null;
    }

    private EvictionResult delete(Pod pod, Long graceSeconds) {
        if (!pod.isTerminal()) {
            pod.setDisruptionTarget(DISRUPTION_TARGET_REASON, "Eviction API: evicting", store.now());
        }
        store.deletePod(pod, graceSeconds);
        return EvictionResult.EVICTED;
    }
}
