package io.kubesim.scheduler.plugins;

import io.kubesim.api.PodAffinityTerm;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.ClusterSnapshot;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterExtensions;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.PreScorePlugin;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
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
        List<NodeInfo> antiNodes = snapshot.nodesWithPodsWithRequiredAntiAffinity();
        boolean hasTerms = !pod.requiredAffinityTerms().isEmpty() || !pod.requiredAntiAffinityTerms().isEmpty();
        if (!hasTerms && antiNodes.isEmpty()) {
            return Status.SKIP; // the common case, decided without allocating
        }
        FilterState s = new FilterState(new TopologyCounts(), new TopologyCounts(), new TopologyCounts());
        for (NodeInfo ni : antiNodes) {
            for (PodInfo existing : ni.podsWithRequiredAntiAffinity()) {
                countExistingAntiAffinity(s, pod, existing, ni, 1);
            }
        }
        if (!hasTerms && s.existingAntiAffinity().isEmpty()) {
            return Status.SKIP;
        }
        if (hasTerms) {
            List<NodeInfo> nodes = snapshot.nodeInfos();
            for (int n = 0; n < nodes.size(); n++) {
                NodeInfo ni = nodes.get(n);
                for (PodInfo existing : ni.pods()) {
                    countIncomingTerms(s, pod, existing, ni, 1);
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
            String value = node.node().labels().get(t.topologyKey());
            if (value != null && AffinityTerms.matches(t, existing.pod(), pod.pod(), incomingNsLabels)) {
                s.existingAntiAffinity().add(t.topologyKey(), value, delta);
            }
        }
    }

    /** The incoming pod's required terms that the existing pod matches (affinity: all terms). */
    private void countIncomingTerms(FilterState s, PodInfo pod, PodInfo existing, NodeInfo node, long delta) {
        Map<String, String> labels = node.node().labels();
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
        for (PodAffinityTerm t : pod.requiredAntiAffinityTerms()) {
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
            countIncomingTerms(s, pod, other, node, delta);
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        FilterState s = state.get(FILTER_STATE);
        if (s == null) {
            return Status.SUCCESS;
        }
        Map<String, String> labels = node.node().labels();
        if (!satisfiesPodAffinity(s, pod, labels)) {
            return AFFINITY;
        }
        for (PodAffinityTerm t : pod.requiredAntiAffinityTerms()) {
            String value = labels.get(t.topologyKey());
            if (value != null && s.antiAffinity().get(t.topologyKey(), value) > 0) {
                return ANTI;
            }
        }
        if (!s.existingAntiAffinity().isEmpty() && s.existingAntiAffinity().anyPositive(labels)) {
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
        // The incoming pod's own preferred terms: through the label index where a term names its
        // namespaces and has an equality pair; the others are matched against every pod below.
        List<PodAffinityTerm> scanned = new ArrayList<>();
        List<Long> scannedWeights = new ArrayList<>();
        for (PodAffinityTerm.Weighted w : pod.preferredAffinityTerms()) {
            if (!addThroughIndex(scores, w.term(), incoming, w.weight())) {
                scanned.add(w.term());
                scannedWeights.add((long) w.weight());
            }
        }
        for (PodAffinityTerm.Weighted w : pod.preferredAntiAffinityTerms()) {
            if (!addThroughIndex(scores, w.term(), incoming, -w.weight())) {
                scanned.add(w.term());
                scannedWeights.add((long) -w.weight());
            }
        }
        // upstream: every pod when the incoming pod has preferred terms, else only pods with
        // affinity terms of their own; those are all the existing pods' terms can come from.
        boolean everyPod = !scanned.isEmpty();
        Collection<PodInfo> withTerms = everyPod ? null : snapshot.podsWithTermsThatMaySelect(incoming);
        if (withTerms != null) {
            // only the existing pods whose terms may select the incoming pod can add anything
            for (PodInfo existing : withTerms) {
                NodeInfo ni = snapshot.nodeOf(existing);
                if (ni != null && !ni.node().labels().isEmpty()) {
                    addExistingTerms(scores, existing, incoming, incomingNsLabels, ni.node().labels());
                }
            }
            if (scores.isEmpty()) {
                return Status.SKIP;
            }
            state.put(SCORE_STATE, scores);
            return Status.SUCCESS;
        }
        List<NodeInfo> nodes = everyPod ? snapshot.nodeInfos() : snapshot.nodesWithPodsWithAffinity();
        // the node's value of each scanned term's topology key, looked up once per node
        String[] values = new String[scanned.size()];
        for (int n = 0; n < nodes.size(); n++) {
            NodeInfo ni = nodes.get(n);
            List<PodInfo> toProcess = everyPod ? ni.pods() : ni.podsWithAffinity();
            Map<String, String> labels = ni.node().labels();
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
                addExistingTerms(scores, existing, incoming, incomingNsLabels, labels);
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
     * Adds {@code weight} per pod matching the incoming pod's {@code term}, found through the
     * cache's label index: the same sums as matching every pod of every node, since only pods in
     * the term's namespaces carrying its selector's pairs can match. False when the term cannot be
     * looked up (a namespaceSelector, or a selector without an equality pair).
     */
    private boolean addThroughIndex(TopologyCounts scores, PodAffinityTerm term, Pod incoming, long weight) {
        if (term.namespaceSelector() != null) {
            return false;
        }
        if (term.labelSelector() == null) {
            return true; // matches nothing
        }
        Collection<String> namespaces = term.namespaces().isEmpty() ? List.of(incoming.namespace())
                : new LinkedHashSet<>(term.namespaces());
        List<Collection<PodInfo>> found = new ArrayList<>(namespaces.size());
        for (String ns : namespaces) {
            Collection<PodInfo> candidates = snapshot.matchCandidates(term.labelSelector(), ns);
            if (candidates == null) {
                return false;
            }
            found.add(candidates);
        }
        for (Collection<PodInfo> candidates : found) {
            for (PodInfo existing : candidates) {
                NodeInfo ni = snapshot.nodeOf(existing);
                if (ni != null && !ni.node().labels().isEmpty()) {
                    Pod p = existing.pod();
                    addIfMatches(scores, term, ni.node().labels().get(term.topologyKey()), incoming, p,
                            snapshot.namespaceLabels(p.namespace()), weight);
                }
            }
        }
        return true;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return state.get(SCORE_STATE).sumFor(node.node().labels());
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
