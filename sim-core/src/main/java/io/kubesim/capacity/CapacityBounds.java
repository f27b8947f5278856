package io.kubesim.capacity;

import io.kubesim.api.Container;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodTemplate;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What binds a capacity answer. With an answer: the SLO term that failed one node below it, in
 * which failure case, and the timeline action whose window held the most failures. Without one:
 * in the case that binds at the largest size (the worst one that missed the SLO), whether adding
 * nodes changed anything between the two largest sizes tried, and what in the
 * manifests no node count fixes (a per-pod CPU limit, a single replica, a PodDisruptionBudget that
 * allows no disruption while the timeline drains or upgrades nodes).
 */
final class CapacityBounds {
    /** Less than this relative improvement between the two largest sizes counts as "adding nodes does not help". */
    static final double NO_HELP = 0.10;

    private CapacityBounds() {
    }

    static String explain(SimulationSpec base, CapacityAnswer a) {
        if (a.found()) {
            if (a.nodes() == a.minNodes()) {
                return a.nodes() + " node" + (a.nodes() == 1 ? "" : "s") + " (the smallest count searched) already "
                        + "meet the SLO";
            }
            List<String> parts = new ArrayList<>();
            for (SizeVerdict v : a.verdictsAt(a.nodes() - 1)) {
                if (!v.met()) {
                    parts.add(String.join("; ", v.violations()) + " (" + v.failure().describe() + ")"
                            + worstAction(a, a.nodes() - 1, v.failure()));
                }
            }
            return "at " + (a.nodes() - 1) + " node" + (a.nodes() == 2 ? "" : "s") + ": " + String.join("; ", parts);
        }
        List<Integer> sizes = a.verdicts().stream().map(SizeVerdict::nodes).distinct().sorted().toList();
        StringBuilder sb = new StringBuilder("even " + a.maxNodes() + " nodes miss the SLO");
        boolean latency = a.verdictsAt(a.maxNodes()).stream().flatMap(v -> v.violations().stream())
                .anyMatch(v -> v.startsWith("p99")) && a.verdictsAt(a.maxNodes()).stream()
                .flatMap(v -> v.violations().stream()).noneMatch(v -> v.startsWith("error ratio"));
        FailureCase binding = binding(a, latency);
        String which = binding.equals(FailureCase.AS_WRITTEN) ? "" : " (" + binding.describe() + ")";
        if (sizes.size() >= 2) {
            int top = sizes.get(sizes.size() - 1);
            int below = sizes.get(sizes.size() - 2);
            double atTop = latency ? p99(a, top, binding) : errorRatio(a, top, binding);
            double atBelow = latency ? p99(a, below, binding) : errorRatio(a, below, binding);
            if (atBelow > 0 && (atBelow - atTop) / atBelow < NO_HELP) {
                sb.append(latency
                        ? String.format(Locale.ROOT, "; adding nodes does not help%s: p99 %.1f ms at %d nodes, %.1f ms at %d",
                                which, atBelow / 1000.0, below, atTop / 1000.0, top)
                        : String.format(Locale.ROOT, "; adding nodes does not help%s: error ratio %s at %d nodes, %s at %d",
                                which, Slo.percent(atBelow), below, Slo.percent(atTop), top));
            }
        }
        String worst = worstAction(a, a.maxNodes(), binding);
        if (!worst.isEmpty()) {
            sb.append(worst);
        }
        List<String> suspects = suspects(base, latency, worstTarget(a, a.maxNodes()), binding.loss() != Loss.NONE);
        if (!suspects.isEmpty()) {
            sb.append("; what no node count changes: ").append(String.join("; ", suspects));
        }
        return sb.toString();
    }

    /** The object of the action with the most failures at {@code nodes} ({@code checkout} of {@code rollout checkout at 8m}). */
    private static String worstTarget(CapacityAnswer a, int nodes) {
        CapacityRun worst = null;
        for (CapacityRun r : a.runsAt(nodes)) {
            if (worst == null || r.outcome().worstActionFailed() > worst.outcome().worstActionFailed()) {
                worst = r;
            }
        }
        if (worst == null || !worst.outcome().worstAction().startsWith("rollout ")) {
            return "";
        }
        String w = worst.outcome().worstAction().substring("rollout ".length());
        return w.substring(0, w.indexOf(" at "));
    }

    /**
     * The failure case that binds at the largest size: of those that missed the SLO there, the one
     * with the worst mean (error ratio, or p99 when latency is the term that failed); the scenario
     * as written when it missed it too and nothing is worse.
     */
    private static FailureCase binding(CapacityAnswer a, boolean latency) {
        FailureCase worst = FailureCase.AS_WRITTEN;
        double worstValue = -1;
        for (SizeVerdict v : a.verdictsAt(a.maxNodes())) {
            if (v.met()) {
                continue;
            }
            double value = latency ? p99(a, a.maxNodes(), v.failure()) : errorRatio(a, a.maxNodes(), v.failure());
            if (value > worstValue) {
                worst = v.failure();
                worstValue = value;
            }
        }
        return worst;
    }

    /** The mean worst p99 (microseconds) of the runs of case {@code f} at {@code nodes}. */
    private static double p99(CapacityAnswer a, int nodes, FailureCase f) {
        return a.runsAt(nodes).stream().filter(r -> r.failure().equals(f))
                .mapToDouble(r -> r.outcome().worstP99()).average().orElse(0);
    }

    /** The mean error ratio of the runs of case {@code f} at {@code nodes}. */
    private static double errorRatio(CapacityAnswer a, int nodes, FailureCase f) {
        return a.runsAt(nodes).stream().filter(r -> r.failure().equals(f))
                .mapToDouble(r -> r.outcome().errorRatio()).average().orElse(0);
    }

    private static String worstAction(CapacityAnswer a, int nodes, FailureCase f) {
        CapacityRun worst = null;
        for (CapacityRun r : a.runsAt(nodes)) {
            if (r.failure().equals(f) && (worst == null || r.outcome().worstActionFailed()
                    > worst.outcome().worstActionFailed())) {
                worst = r;
            }
        }
        return worst == null || worst.outcome().worstAction().isEmpty() ? ""
                : ", most failures during " + worst.outcome().worstAction() + " (" + worst.outcome().worstActionFailed()
                        + " failed)";
    }

    /**
     * What in the manifests bounds the SLO whatever the node count: a workload rolled out during
     * the worst action without a preStop hook (its terminating pods refuse what balancers still
     * send), per-pod CPU limits when latency is the term that failed, single replicas, and
     * PodDisruptionBudgets that allow no disruption while the timeline drains or upgrades. With
     * {@code nodeLoss} (a node or zone loss binds) single replicas come first.
     */
    static List<String> suspects(SimulationSpec base, boolean latency, String rolledOut, boolean nodeLoss) {
        List<String> out = new ArrayList<>();
        List<String> limited = new ArrayList<>();
        List<String> single = new ArrayList<>();
        java.util.Set<String> scaledUp = new java.util.HashSet<>();
        for (TimelineAction t : base.timeline()) {
            if (t instanceof TimelineAction.Scale sc && sc.replicas() > 1) {
                scaledUp.add(sc.workload());
            }
        }
        for (Manifest m : base.manifests()) {
            PodTemplate t = m instanceof Manifest.DeploymentManifest d ? d.template()
                    : m instanceof Manifest.StatefulSetManifest s ? s.template() : null;
            if (t == null) {
                continue;
            }
            if (!rolledOut.isEmpty() && (m.name().equals(rolledOut) || m.key().equals(rolledOut))
                    && t.spec().containers().stream().allMatch(c -> c.preStop() == null)) {
                out.add(m.kind() + " " + m.name() + " has no preStop hook: while it rolls out, each terminating pod "
                        + "refuses the connections balancers still send it");
            }
            for (Container c : t.spec().containers()) {
                if (c.limits().cpuMillis() > 0) {
                    limited.add(m.name() + " " + c.limits().cpuMillis() + "m");
                    break;
                }
            }
            int replicas = m instanceof Manifest.DeploymentManifest d ? d.replicasOrDefault()
                    : ((Manifest.StatefulSetManifest) m).replicasOrDefault();
            if (replicas == 1 && !scaledUp.contains(m.name()) && !scaledUp.contains(m.key())) {
                single.add(m.name());
            }
        }
        if (latency && !limited.isEmpty()) {
            out.add("per-pod CPU limits throttle each pod however many nodes there are (" + firstFew(limited) + ")");
        }
        if (!single.isEmpty() && nodeLoss) {
            // first: losing the node a single replica runs on is what the binding case does
            out.add(0, "single replica" + (single.size() == 1 ? "" : "s") + " (" + firstFew(single)
                    + "): losing the node one runs on is an outage until its replacement is ready elsewhere");
        } else if (!single.isEmpty()) {
            out.add("single replica" + (single.size() == 1 ? "" : "s") + " (" + firstFew(single)
                    + "): a restart or a move is an outage");
        }
        boolean drains = base.timeline().stream().anyMatch(t -> t instanceof TimelineAction.Drain
                || t instanceof TimelineAction.Upgrade);
        if (drains) {
            for (Manifest m : base.manifests()) {
                if (m instanceof Manifest.PodDisruptionBudgetManifest b && blocksEveryDisruption(b)) {
                    out.add("PodDisruptionBudget " + b.name() + " allows no disruption, so drains and upgrades wait "
                            + "on it");
                }
            }
        }
        return out;
    }

    private static String firstFew(List<String> names) {
        int shown = Math.min(4, names.size());
        return String.join(", ", names.subList(0, shown)) + (names.size() > shown ? " and " + (names.size() - shown)
                + " more" : "");
    }

    private static boolean blocksEveryDisruption(Manifest.PodDisruptionBudgetManifest b) {
        IntOrPercent max = b.maxUnavailable();
        IntOrPercent min = b.minAvailable();
        return (max != null && max.value() == 0) || (min != null && min.percent() && min.value() == 100);
    }
}
