package io.kubesim.scheduler.plugins;

import io.kubesim.api.PodAffinityTerm;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.AffinityTermGroup;
import io.kubesim.scheduler.framework.ClusterSnapshot;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.DomainCounts;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterExtensions;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.PreScorePlugin;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Required and preferred pod affinity and anti-affinity, both the incoming pod's and the
 * existing pods' (k8s-semantics.md 3.4 and 3.5, upstream interpodaffinity filtering.go and
 * scoring.go).
 *
 * <p>Filter, in upstream order: the pod's required affinity (UnschedulableAndUnresolvable; a pod
 * matching its own terms may start a group when no pod matches anywhere), the pod's required
 * anti-affinity (Unschedulable), existing pods' required anti-affinity that the incoming pod
 * matches (Unschedulable). Score: per topology domain, +/- the weights of preferred terms matched
 * both ways plus {@code hardPodAffinityWeight} per existing required affinity term the incoming
 * pod matches; normalized {@code int(100 * (s - min) / (max - min))}.
 */
public final class InterPodAffinity implements PreFilterPlugin, PreFilterExtensions, FilterPlugin, PreScorePlugin,
        ScorePlugin {
    public static final String NAME = "InterPodAffinity";
    public static final String ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH =
            "node(s) didn't satisfy existing pods anti-affinity rules";
    public static final String ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
    public static final String ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

    private static final Status EXISTING_ANTI = Status.unschedulable(NAME, ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
    private static final Status ANTI = Status.unschedulable(NAME, ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
    private static final Status AFFINITY = Status.unresolvable(NAME, ERR_REASON_AFFINITY_RULES_NOT_MATCH);

    private record FilterState(TopologyCounts existingAntiAffinity, TopologyCounts affinity,
                               TopologyCounts antiAffinity) implements CycleState.StateData {
        @Override
        public FilterState copy() {
            return new FilterState(existingAntiAffinity.copy(), affinity.copy(), antiAffinity.copy());
        }
    }

    private static final CycleState.Key<FilterState> FILTER_STATE = new CycleState.Key<>("PreFilter" + NAME);
    private static final CycleState.Key<TopologyCounts> SCORE_STATE = new CycleState.Key<>("PreScore" + NAME);

    private final ClusterSnapshot snapshot;
    private final long hardPodAffinityWeight;

    public InterPodAffinity(ClusterSnapshot snapshot, long hardPodAffinityWeight) {
        this.snapshot = snapshot;
        this.hardPodAffinityWeight = hardPodAffinityWeight;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        Pod incoming = pod.pod();
        boolean hasTerms = !pod.requiredAffinityTerms().isEmpty() || !pod.requiredAntiAffinityTerms().isEmpty();
        List<AffinityTermGroup> groups = snapshot.termGroupsThatMaySelect(incoming);
        List<NodeInfo> antiNodes = groups == null ? snapshot.nodesWithPodsWithRequiredAntiAffinity() : List.of();
        if (!hasTerms && antiNodes.isEmpty() && (groups == null || groups.isEmpty())) {
            return Status.SKIP; // the common case, decided without allocating
        }
        FilterState s = new FilterState(new TopologyCounts(), new TopologyCounts(), new TopologyCounts());
        if (groups != null) {
            Map<String, String> incomingNsLabels = snapshot.namespaceLabels(incoming.namespace());
            for (AffinityTermGroup g : groups) {
                if (g.kind() == AffinityTermGroup.Kind.REQUIRED_ANTI_AFFINITY
                        && AffinityTerms.matches(g.term(), g.ownerNamespace(), incoming, incomingNsLabels)) {
                    s.existingAntiAffinity().addLayer(g.term().topologyKey(), g.owners(), 1);
                }
            }
        }
        for (NodeInfo ni : antiNodes) {
            for (PodInfo existing : ni.podsWithRequiredAntiAffinity()) {
                countExistingAntiAffinity(s, pod, existing, ni, 1);
            }
        }
        if (!hasTerms && s.existingAntiAffinity().holdsNothing()) {
            return Status.SKIP;
        }
        // the pod's anti-affinity terms through the cache's kept counts where it has them; its
        // affinity terms (a pod must match all of them at once) and the rest by a walk
        List<PodAffinityTerm> walkedAnti = new ArrayList<>();
        for (PodAffinityTerm t : pod.requiredAntiAffinityTerms()) {
            DomainCounts selected = snapshot.podsSelectedBy(t, incoming.namespace());
            if (selected == null) {
                walkedAnti.add(t);
            } else {
                s.antiAffinity().addLayer(t.topologyKey(), selected, 1);
            }
        }
        if (!pod.requiredAffinityTerms().isEmpty() || !walkedAnti.isEmpty()) {
            List<NodeInfo> nodes = snapshot.nodeInfos();
            for (int n = 0; n < nodes.size(); n++) {
                NodeInfo ni = nodes.get(n);
                for (PodInfo existing : ni.pods()) {
                    countIncomingTerms(s, pod, walkedAnti, existing, ni, 1);
                }
            }
        }
        state.put(FILTER_STATE, s);
        return Status.SUCCESS;
    }

    /** The existing pod's required anti-affinity terms that the incoming pod matches. */
    private void countExistingAntiAffinity(FilterState s, PodInfo pod, PodInfo existing, NodeInfo node, long delta) {
        Map<String, String> incomingNsLabels = snapshot.namespaceLabels(pod.pod().namespace());
        for (PodAffinityTerm t : existing.requiredAntiAffinityTerms()) {
            String value = node.labels().get(t.topologyKey());
            if (value != null && AffinityTerms.matches(t, existing.pod(), pod.pod(), incomingNsLabels)) {
                s.existingAntiAffinity().add(t.topologyKey(), value, delta);
            }
        }
    }

    /**
     * The incoming pod's required terms that the existing pod matches: its affinity terms (all of
     * them, or none counts) and {@code antiTerms}.
     */
    private void countIncomingTerms(FilterState s, PodInfo pod, List<PodAffinityTerm> antiTerms, PodInfo existing,
                                    NodeInfo node, long delta) {
        Map<String, String> labels = node.labels();
        Pod p = existing.pod();
        Map<String, String> nsLabels = snapshot.namespaceLabels(p.namespace());
        List<PodAffinityTerm> affinityTerms = pod.requiredAffinityTerms();
        if (AffinityTerms.matchesAll(affinityTerms, pod.pod(), p, nsLabels)) {
            for (PodAffinityTerm t : affinityTerms) {
                String value = labels.get(t.topologyKey());
                if (value != null) {
                    s.affinity().add(t.topologyKey(), value, delta);
                }
            }
        }
        for (PodAffinityTerm t : antiTerms) {
            String value = labels.get(t.topologyKey());
            if (value != null && AffinityTerms.matches(t, pod.pod(), p, nsLabels)) {
                s.antiAffinity().add(t.topologyKey(), value, delta);
            }
        }
    }

    /** upstream AddPod extension: {@code added} counts as if it ran on {@code node}. */
    @Override
    public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
        update(state, pod, added, node, 1);
    }

    /** upstream RemovePod extension: {@code removed} no longer counts. */
    @Override
    public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
        update(state, pod, removed, node, -1);
    }

    private void update(CycleState state, PodInfo pod, PodInfo other, NodeInfo node, long delta) {
        FilterState s = state.get(FILTER_STATE);
        if (s != null) {
            countExistingAntiAffinity(s, pod, other, node, delta);
            countIncomingTerms(s, pod, pod.requiredAntiAffinityTerms(), other, node, delta);
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        FilterState s = state.get(FILTER_STATE);
        if (s == null) {
            return Status.SUCCESS;
        }
        Map<String, String> labels = node.labels();
        if (!satisfiesPodAffinity(s, pod, labels)) {
            return AFFINITY;
        }
        for (PodAffinityTerm t : pod.requiredAntiAffinityTerms()) {
            String value = labels.get(t.topologyKey());
            if (value != null && s.antiAffinity().get(t.topologyKey(), value) > 0) {
                return ANTI;
            }
        }
        if (!s.existingAntiAffinity().holdsNothing() && s.existingAntiAffinity().anyPositive(labels)) {
            return EXISTING_ANTI;
        }
        return Status.SUCCESS;
    }

    private boolean satisfiesPodAffinity(FilterState s, PodInfo pod, Map<String, String> labels) {
        List<PodAffinityTerm> terms = pod.requiredAffinityTerms();
        boolean podsExist = true;
        for (PodAffinityTerm t : terms) {
            String value = labels.get(t.topologyKey());
            if (value == null) {
                return false;
            }
            if (s.affinity().get(t.topologyKey(), value) <= 0) {
                podsExist = false;
            }
        }
        if (podsExist) {
            return true;
        }
        // upstream: the first pod of a group whose terms select itself may go anywhere with the
        // topology keys, as long as no pod in the cluster matches the terms.
        return s.affinity().isEmpty() && AffinityTerms.matchesAll(terms, pod.pod(), pod.pod(),
                snapshot.namespaceLabels(pod.pod().namespace()));
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        Pod incoming = pod.pod();
        Map<String, String> incomingNsLabels = snapshot.namespaceLabels(incoming.namespace());
        TopologyCounts scores = new TopologyCounts();
        // The incoming pod's own preferred terms: the cache's kept counts where a term names its
        // namespaces and has an equality pair; the others are matched against every pod below.
        List<PodAffinityTerm> scanned = new ArrayList<>();
        List<Long> scannedWeights = new ArrayList<>();
        for (PodAffinityTerm.Weighted w : pod.preferredAffinityTerms()) {
            if (!addSelected(scores, w.term(), incoming, w.weight())) {
                scanned.add(w.term());
                scannedWeights.add((long) w.weight());
            }
        }
        for (PodAffinityTerm.Weighted w : pod.preferredAntiAffinityTerms()) {
            if (!addSelected(scores, w.term(), incoming, -w.weight())) {
                scanned.add(w.term());
                scannedWeights.add((long) -w.weight());
            }
        }
        // The existing pods' terms that select the incoming pod: one match per group of equal
        // terms, then the group's owners per domain.
        List<AffinityTermGroup> groups = snapshot.termGroupsThatMaySelect(incoming);
        if (groups != null) {
            for (AffinityTermGroup g : groups) {
                long weight = switch (g.kind()) {
                    case REQUIRED_AFFINITY -> hardPodAffinityWeight;
                    case PREFERRED_AFFINITY -> g.weight();
                    case PREFERRED_ANTI_AFFINITY -> -g.weight();
                    case REQUIRED_ANTI_AFFINITY -> 0;
                };
                if (weight != 0 && AffinityTerms.matches(g.term(), g.ownerNamespace(), incoming, incomingNsLabels)) {
                    scores.addLayer(g.term().topologyKey(), g.owners(), weight);
                }
            }
        }
        // upstream: every pod when the incoming pod has preferred terms, else only pods with
        // affinity terms of their own; those are all the existing pods' terms can come from.
        boolean everyPod = !scanned.isEmpty();
        if (everyPod || groups == null) {
            List<NodeInfo> nodes = everyPod ? snapshot.nodeInfos() : snapshot.nodesWithPodsWithAffinity();
            // the node's value of each scanned term's topology key, looked up once per node
            String[] values = new String[scanned.size()];
            for (int n = 0; n < nodes.size(); n++) {
                NodeInfo ni = nodes.get(n);
                List<PodInfo> toProcess = everyPod ? ni.pods() : ni.podsWithAffinity();
                Map<String, String> labels = ni.labels();
                if (toProcess.isEmpty() || labels.isEmpty()) {
                    continue;
                }
                for (int i = 0; i < values.length; i++) {
                    values[i] = labels.get(scanned.get(i).topologyKey());
                }
                for (PodInfo existing : toProcess) {
                    Pod p = existing.pod();
                    Map<String, String> nsLabels = snapshot.namespaceLabels(p.namespace());
                    for (int i = 0; i < values.length; i++) {
                        addIfMatches(scores, scanned.get(i), values[i], incoming, p, nsLabels, scannedWeights.get(i));
                    }
                    if (groups == null) {
                        addExistingTerms(scores, existing, incoming, incomingNsLabels, labels);
                    }
                }
            }
        }
        if (scores.isEmpty()) {
            return Status.SKIP;
        }
        state.put(SCORE_STATE, scores);
        return Status.SUCCESS;
    }

    private static void addIfMatches(TopologyCounts scores, PodAffinityTerm term, Pod owner, Pod candidate,
                                     Map<String, String> candidateNsLabels, Map<String, String> nodeLabels, long weight) {
        addIfMatches(scores, term, nodeLabels.get(term.topologyKey()), owner, candidate, candidateNsLabels, weight);
    }

    /** @param value the node's value of the term's topology key (null: the node has none, nothing counts) */
    private static void addIfMatches(TopologyCounts scores, PodAffinityTerm term, String value, Pod owner,
                                     Pod candidate, Map<String, String> candidateNsLabels, long weight) {
        if (value != null && AffinityTerms.matches(term, owner, candidate, candidateNsLabels)) {
            scores.add(term.topologyKey(), value, weight);
        }
    }

    /** The existing pod's own terms that select the incoming pod, on the existing pod's node. */
    private void addExistingTerms(TopologyCounts scores, PodInfo existing, Pod incoming,
                                  Map<String, String> incomingNsLabels, Map<String, String> labels) {
        Pod p = existing.pod();
        if (hardPodAffinityWeight > 0) {
            for (PodAffinityTerm t : existing.requiredAffinityTerms()) {
                addIfMatches(scores, t, p, incoming, incomingNsLabels, labels, hardPodAffinityWeight);
            }
        }
        for (PodAffinityTerm.Weighted w : existing.preferredAffinityTerms()) {
            addIfMatches(scores, w.term(), p, incoming, incomingNsLabels, labels, w.weight());
        }
        for (PodAffinityTerm.Weighted w : existing.preferredAntiAffinityTerms()) {
            addIfMatches(scores, w.term(), p, incoming, incomingNsLabels, labels, -w.weight());
        }
    }

    /**
     * Adds {@code weight} per pod the incoming pod's {@code term} selects, from the counts the
     * cache keeps per domain: the same sums as matching every pod of every node. False when the
     * term cannot be counted so (a namespaceSelector, or a selector without an equality pair).
     */
    private boolean addSelected(TopologyCounts scores, PodAffinityTerm term, Pod incoming, long weight) {
        DomainCounts selected = snapshot.podsSelectedBy(term, incoming.namespace());
        if (selected == null) {
            return false;
        }
        scores.addLayer(term.topologyKey(), selected, weight);
        return true;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return state.get(SCORE_STATE).sumFor(node.labels());
    }

    /** upstream NormalizeScore: {@code int(100 * (s - min) / (max - min))} in floating point; all 0 when max == min. */
    @Override
    public void normalizeScores(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        long diff = max - min;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = diff > 0 ? (long) (MAX_NODE_SCORE * ((double) (scores[i] - min) / diff)) : 0;
        }
    }
}
