package io.kubesim.autoscaler;

import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the unneeded nodes of one scan (k8s-semantics.md section 8): a candidate is unneeded when
 * its utilization is below the threshold and every pod on it is movable and fits on some other
 * node. Like upstream's removal simulator, candidates are checked in order on one simulated
 * snapshot: pods of a node found unneeded are added to their destination nodes, and that node is
 * no longer a destination, so two half-empty nodes are not both removed onto each other.
 */
public final class ScaleDownPlanner {
    private final TemplateNodeFilter filter;
    private final Function<Pod, List<PodDisruptionBudget>> budgets;

    public ScaleDownPlanner(TemplateNodeFilter filter, Function<Pod, List<PodDisruptionBudget>> budgets) {
        this.filter = filter;
        this.budgets = budgets;
    }

    /** One node found unneeded; {@code empty} when no pod has to move (bulk-deletable). */
    public record Unneeded(String node, boolean empty) {
    }

    /**
     * @param candidates nodes that node groups may lose, in the order to try them
     * @param nodes      every node pods may move to (candidates included); copied, not changed
     */
    public List<Unneeded> unneeded(List<NodeInfo> candidates, List<NodeInfo> nodes, double threshold) {
        List<NodeInfo> destinations = new ArrayList<>(nodes.size());
        Map<NodeInfo, NodeInfo> copyOf = new IdentityHashMap<>();
        for (NodeInfo n : nodes) {
            NodeInfo c = n.copy();
            destinations.add(c);
            copyOf.put(n, c);
        }
        Set<NodeInfo> removed = new HashSet<>();
        // upstream planner.go RemainingPdbTracker: disruptions taken by earlier unneeded nodes of this pass
        Map<PodDisruptionBudget, Integer> spent = new IdentityHashMap<>();
        List<Unneeded> out = new ArrayList<>();
        for (NodeInfo candidate : candidates) {
            if (!NodeUtilization.belowThreshold(candidate, threshold)) {
                continue;
            }
            List<PodInfo> toMove = movablePods(candidate, spent);
            if (toMove == null) {
                continue;
            }
            NodeInfo self = copyOf.get(candidate);
            List<NodeInfo> targets = new ArrayList<>(toMove.size());
            boolean ok = true;
            for (PodInfo p : toMove) {
                NodeInfo target = null;
                for (NodeInfo d : destinations) {
                    if (d != self && !removed.contains(d) && filter.fits(p, d)) {
                        target = d;
                        break;
                    }
                }
                if (target == null) {
                    ok = false;
                    break;
                }
                target.addPod(p); // later pods of this node see the room it takes
                targets.add(target);
            }
            if (!ok) {
                for (int i = 0; i < targets.size(); i++) {
                    targets.get(i).removePod(toMove.get(i));
                }
                continue;
            }
            if (self != null) {
                removed.add(self);
            }
            for (PodInfo p : toMove) {
                for (PodDisruptionBudget b : budgets.apply(p.pod())) {
                    spent.merge(b, 1, Integer::sum);
                }
            }
            out.add(new Unneeded(candidate.name(), toMove.isEmpty()));
        }
        return out;
    }

    /**
     * The pods that must move for the node to go, or null when one blocks it: a blocking pod
     * (see {@link PodDrainability}) or more pods under one PDB than it allows to be disrupted.
     */
    List<PodInfo> movablePods(NodeInfo node) {
        return movablePods(node, Map.of());
    }

    /** As {@link #movablePods(NodeInfo)}, with {@code spent} disruptions already used in this pass. */
    private List<PodInfo> movablePods(NodeInfo node, Map<PodDisruptionBudget, Integer> spent) {
        List<PodInfo> out = new ArrayList<>();
        Map<PodDisruptionBudget, Integer> perBudget = new IdentityHashMap<>();
        for (PodInfo pi : node.pods()) {
            Pod p = pi.pod();
            if (p.isTerminal() || p.metadata().isDeleting() || PodDrainability.isDaemonSetPod(p)) {
                continue;
            }
            List<PodDisruptionBudget> pdbs = budgets.apply(p);
            if (PodDrainability.blockingReason(p, !pdbs.isEmpty()) != null) {
                return null;
            }
            for (PodDisruptionBudget b : pdbs) {
                int n = perBudget.merge(b, 1, Integer::sum) + spent.getOrDefault(b, 0);
                if (n > b.disruptionsAllowed()) {
                    return null; // section 8: a pod whose PDB would be violated blocks scale-down
                }
            }
            out.add(pi);
        }
        return out;
    }
}
