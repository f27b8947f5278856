package io.kubesim.scheduler.plugins;

import io.kubesim.cluster.Condition;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.scheduler.framework.ClusterSnapshot;
import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.DisruptionBudgetLister;
import io.kubesim.scheduler.framework.FilterRunner;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PostFilterPlugin;
import io.kubesim.scheduler.framework.PostFilterResult;
import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * The DefaultPreemption PostFilter (k8s-semantics.md 3.6, upstream defaultpreemption and
 * framework/preemption): decides whether evicting lower-priority pods would let the pod fit,
 * which node to nominate and which victims to evict there. The scheduler carries the decision
 * out (deletes victims, nominates the preemptor).
 *
 * <p>Each node is evaluated on copies of the node and of the cycle state, kept right through the
 * PreFilter extensions, so removing a victim also lifts the spread or anti-affinity it caused.
 * PodDisruptionBudgets are best effort, as upstream: victims whose eviction would exceed a
 * budget's {@code disruptionsAllowed} are reprieved first and counted, and the node with the
 * fewest such violations wins, but a node that violates a budget is still chosen when no other
 * works.
 */
public final class DefaultPreemption implements PostFilterPlugin {
    public static final String NAME = "DefaultPreemption";
    public static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    public static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    public static final String PREEMPT_NEVER = "not eligible due to preemptionPolicy=Never.";
    public static final String TERMINATING_ON_NOMINATED =
            "not eligible due to a terminating pod on the nominated node.";
    /** DisruptionTarget reason set on victims (v1.PodReasonPreemptionByScheduler). */
    public static final String REASON_PREEMPTION_BY_SCHEDULER = "PreemptionByScheduler";

    private static final Status NO_VICTIMS_STATUS = Status.unresolvable(NAME, NO_VICTIMS);

    private final ClusterSnapshot snapshot;
    private final FilterRunner filters;
    private final IntUnaryOperator randomOffset;
    private final LongSupplier clock;
    private final int minCandidateNodesPercentage;
    private final int minCandidateNodesAbsolute;
    private final DisruptionBudgetLister budgets;

    /** Without PodDisruptionBudgets in view (every candidate counts 0 violations). */
    public DefaultPreemption(ClusterSnapshot snapshot, FilterRunner filters, IntUnaryOperator randomOffset,
                             LongSupplier clock, int minCandidateNodesPercentage, int minCandidateNodesAbsolute) {
        this(snapshot, filters, randomOffset, clock, minCandidateNodesPercentage, minCandidateNodesAbsolute,
                DisruptionBudgetLister.NONE);
    }

    /**
     * @param randomOffset draws the start offset in [0, n) of the candidate walk (a seeded stream)
     * @param clock        virtual now, for victims that have not started
     */
    public DefaultPreemption(ClusterSnapshot snapshot, FilterRunner filters, IntUnaryOperator randomOffset,
                             LongSupplier clock, int minCandidateNodesPercentage, int minCandidateNodesAbsolute,
                             DisruptionBudgetLister budgets) {
        this.snapshot = snapshot;
        this.filters = filters;
        this.randomOffset = randomOffset;
        this.clock = clock;
        this.minCandidateNodesPercentage = minCandidateNodesPercentage;
        this.minCandidateNodesAbsolute = minCandidateNodesAbsolute;
        this.budgets = budgets;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A node where preemption would let the pod fit, with its victims (most important first) and
     * how many of them would exceed a PodDisruptionBudget.
     */
    record Candidate(String node, List<PodInfo> victims, int pdbViolations) {
        Candidate(String node, List<PodInfo> victims) {
            this(node, victims, 0);
        }
    }

    @Override
    public PostFilterResult postFilter(CycleState state, PodInfo pod, Map<String, Status> nodeStatuses) {
        String ineligible = ineligibleReason(pod, nodeStatuses);
        if (ineligible != null) {
            return PostFilterResult.rejected(Status.unschedulable(NAME, "preemption: " + ineligible), false);
        }
        List<NodeInfo> all = snapshot.nodeInfos();
        List<NodeInfo> potential = new ArrayList<>();
        for (NodeInfo ni : all) {
            Status s = nodeStatuses.get(ni.name());
            if (s != null && s.code() == Code.UNSCHEDULABLE) {
                potential.add(ni);
            }
        }
        Map<String, Status> dryRun = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        if (!potential.isEmpty()) {
            int offset = randomOffset.applyAsInt(potential.size());
            int wanted = numCandidates(potential.size());
            List<PodDisruptionBudget> pdbs = List.copyOf(budgets.list());
            int[] violations = new int[1];
            boolean nonViolatingFound = false;
            for (int i = 0; i < potential.size(); i++) {
                NodeInfo ni = potential.get((offset + i) % potential.size());
                List<PodInfo> victims = new ArrayList<>();
                Status s = selectVictimsOnNode(state, pod, ni, pdbs, victims, violations);
                if (s.isSuccess() && !victims.isEmpty()) {
                    candidates.add(new Candidate(ni.name(), victims, violations[0]));
                    nonViolatingFound |= violations[0] == 0;
                    // upstream dryRunPreemption: stop once enough candidates and one violates no PDB
                    if (nonViolatingFound && candidates.size() >= wanted) {
                        break;
                    }
                } else {
                    dryRun.put(ni.name(), s);
                }
            }
        }
        if (candidates.isEmpty()) {
            // upstream: a FitError over all nodes, absent ones "Preemption is not helpful for scheduling".
            List<Status> statuses = new ArrayList<>(all.size());
            Status notHelpful = Status.unresolvable(NAME, NOT_HELPFUL);
            for (NodeInfo ni : all) {
                statuses.add(dryRun.getOrDefault(ni.name(), notHelpful));
            }
            String msg = "preemption: " + FailureMessage.fitError(all.size(), "", statuses, "");
            return PostFilterResult.rejected(Status.unschedulable(NAME, msg), true);
        }
        Candidate best = pickOneNodeForPreemption(candidates);
        List<Pod> victims = new ArrayList<>(best.victims().size());
        for (PodInfo v : best.victims()) {
            victims.add(v.pod());
        }
        return PostFilterResult.nominate(best.node(), victims);
    }

    /** upstream PodEligibleToPreemptOthers; null when eligible. */
    private String ineligibleReason(PodInfo pod, Map<String, Status> nodeStatuses) {
        Pod p = pod.pod();
        if (p.spec().preemptNever()) {
            return PREEMPT_NEVER;
        }
        String nominated = p.nominatedNodeName();
        if (!nominated.isEmpty()) {
            Status s = nodeStatuses.get(nominated);
            if (s != null && s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
                return null;
            }
            NodeInfo ni = snapshot.nodeInfo(nominated);
            if (ni != null) {
                for (PodInfo q : ni.pods()) {
                    if (q.priority() < pod.priority() && terminatingByPreemption(q.pod())) {
                        return TERMINATING_ON_NOMINATED;
                    }
                }
            }
        }
        return null;
    }

    private static boolean terminatingByPreemption(Pod p) {
        Condition dt = p.disruptionTarget();
        return p.metadata().isDeleting() && dt != null && dt.isTrue()
                && REASON_PREEMPTION_BY_SCHEDULER.equals(dt.reason());
    }

    /** upstream calculateNumCandidates: max(n * pct / 100, abs), capped at n. */
    int numCandidates(int n) {
        int c = n * minCandidateNodesPercentage / 100;
        if (c < minCandidateNodesAbsolute) {
            c = minCandidateNodesAbsolute;
        }
        return Math.min(c, n);
    }

    /** {@link #selectVictimsOnNode(CycleState, PodInfo, NodeInfo, List, List, int[])} without budgets. */
    Status selectVictimsOnNode(CycleState cycleState, PodInfo pod, NodeInfo node, List<PodInfo> victimsOut) {
        return selectVictimsOnNode(cycleState, pod, node, List.of(), victimsOut, new int[1]);
    }

    /**
     * upstream SelectVictimsOnNode: remove every lower-priority pod; if the pod still does not
     * fit, the node is no candidate; otherwise reprieve victims from the most important down,
     * the PDB-violating ones first (k8s-semantics.md 3.6 step 3), keeping each one whose return
     * still lets the pod fit, and count the PDB-violating victims that remain (step 4).
     *
     * @param violationsOut element 0 receives the number of remaining victims that violate a PDB
     */
    Status selectVictimsOnNode(CycleState cycleState, PodInfo pod, NodeInfo node, List<PodDisruptionBudget> pdbs,
                               List<PodInfo> victimsOut, int[] violationsOut) {
        violationsOut[0] = 0;
        // No pod of lower priority, no victim: answered before the copies below, since with every pod
        // at one priority (as in most clusters) each unschedulable pod would copy every node for nothing.
        if (node.lowestPriority() >= pod.priority()) {
            return NO_VICTIMS_STATUS;
        }
        List<PodInfo> potential = new ArrayList<>();
        for (PodInfo q : node.pods()) {
            if (q.priority() < pod.priority()) {
                potential.add(q);
            }
        }
        CycleState state = cycleState.copy();
        NodeInfo copy = node.copy();
        for (PodInfo q : potential) {
            copy.removePod(q);
            filters.removePod(state, pod, q, copy);
        }
        Status s = filters.runFilters(state, pod, copy);
        if (!s.isSuccess()) {
            return s;
        }
        long now = clock.getAsLong();
        potential.sort(moreImportantFirst(now));
        List<PodInfo> violating = new ArrayList<>();
        List<PodInfo> nonViolating = new ArrayList<>();
        filterPodsWithPDBViolation(potential, pdbs, violating, nonViolating);
        for (PodInfo q : violating) {
            if (!reprieve(state, pod, q, copy)) {
                victimsOut.add(q);
                violationsOut[0]++;
            }
        }
        for (PodInfo q : nonViolating) {
            if (!reprieve(state, pod, q, copy)) {
                victimsOut.add(q);
            }
        }
        // upstream returns victims most important first (pickOneNodeForPreemption reads victims[0]).
        victimsOut.sort(moreImportantFirst(now));
        return Status.SUCCESS;
    }

    /** Puts the victim back; keeps it there (true) when the pod still fits, else takes it out again. */
    private boolean reprieve(CycleState state, PodInfo pod, PodInfo q, NodeInfo copy) {
        copy.addPod(q);
        filters.addPod(state, pod, q, copy);
        if (filters.runFilters(state, pod, copy).isSuccess()) {
            return true;
        }
        copy.removePod(q);
        filters.removePod(state, pod, q, copy);
        return false;
    }

    /**
     * upstream filterPodsWithPDBViolation (k8s-semantics.md 3.6 and 6.1): walks the pods in order
     * against a private copy of each budget's {@code disruptionsAllowed}; a pod selected by a
     * budget (same namespace, selector matches, not already in {@code disruptedPods}) uses one of
     * its disruptions, and is violating once some budget's count drops below zero. Preserves order.
     */
    static void filterPodsWithPDBViolation(List<PodInfo> pods, Collection<PodDisruptionBudget> pdbs,
                                           List<PodInfo> violating, List<PodInfo> nonViolating) {
        if (pdbs.isEmpty()) {
            nonViolating.addAll(pods);
            return;
        }
        List<PodDisruptionBudget> list = List.copyOf(pdbs);
        int[] allowed = new int[list.size()];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = list.get(i).disruptionsAllowed();
        }
        for (PodInfo q : pods) {
            Pod p = q.pod();
            boolean violates = false;
            for (int i = 0; i < allowed.length; i++) {
                PodDisruptionBudget pdb = list.get(i);
                // upstream: an empty selector matches nothing here; a pod already being disrupted
                // under this budget has been counted in disruptionsAllowed.
                if (pdb.selector() == null || pdb.selector().isEmpty() || !pdb.selects(p)
                        || pdb.disruptedPods().containsKey(p.name())) {
                    continue;
                }
                allowed[i]--;
                if (allowed[i] < 0) {
                    violates = true;
                }
            }
            (violates ? violating : nonViolating).add(q);
        }
    }

    /** upstream util.MoreImportantPod: higher priority, then the one that started earlier. */
    static Comparator<PodInfo> moreImportantFirst(long now) {
        return Comparator.comparingInt((PodInfo p) -> -p.priority())
                .thenComparingLong(p -> startTime(p.pod(), now));
    }

    private static long startTime(Pod p, long now) {
        return p.startTime() < 0 ? now : p.startTime();
    }

    /**
     * upstream pickOneNodeForPreemption: fewest PDB violations, lowest highest-victim
     * priority, smallest sum of (priority + MaxInt32 + 1), fewest victims, latest start among the
     * highest-priority victims, then the first candidate found (upstream's Go map order is random).
     */
    Candidate pickOneNodeForPreemption(List<Candidate> candidates) {
        long now = clock.getAsLong();
        List<Candidate> c = candidates;
        c = keepMin(c, Candidate::pdbViolations);
        c = keepMin(c, x -> x.victims().get(0).priority());
        c = keepMin(c, x -> {
            long sum = 0;
            for (PodInfo v : x.victims()) {
                sum += (long) v.priority() + Integer.MAX_VALUE + 1L;
            }
            return sum;
        });
        c = keepMin(c, x -> x.victims().size());
        c = keepMin(c, x -> -earliestStartOfHighestPriority(x.victims(), now));
        return c.get(0);
    }

    private static long earliestStartOfHighestPriority(List<PodInfo> victims, long now) {
        int top = victims.get(0).priority();
        long earliest = Long.MAX_VALUE;
        for (PodInfo v : victims) {
            if (v.priority() == top) {
                earliest = Math.min(earliest, startTime(v.pod(), now));
            }
        }
        return earliest;
    }

    private interface LongKey {
        long of(Candidate c);
    }

    private static List<Candidate> keepMin(List<Candidate> in, LongKey key) {
        if (in.size() == 1) {
            return in;
        }
        long min = Long.MAX_VALUE;
        for (Candidate c : in) {
            min = Math.min(min, key.of(c));
        }
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : in) {
            if (key.of(c) == min) {
                out.add(c);
            }
        }
        return out;
    }
}
