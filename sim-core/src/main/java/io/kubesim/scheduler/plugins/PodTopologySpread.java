package io.kubesim.scheduler.plugins;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.api.TopologySpreadConstraint;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.Service;
import io.kubesim.scheduler.framework.ClusterSnapshot;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.DomainCounts;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.MatchingPods;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterExtensions;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.PreScorePlugin;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Topology spread constraints (k8s-semantics.md 3.4 and 3.5, upstream podtopologyspread).
 *
 * <p>Filter (DoNotSchedule): on a node in domain d, {@code matching(d) + selfMatch - globalMin}
 * must not exceed maxSkew, where counts are over nodes that pass the pod's node inclusion
 * policies and carry every constraint's key; the global minimum is 0 while fewer than minDomains
 * domains exist. A node without the key is UnschedulableAndUnresolvable.
 *
 * <p>Score (ScheduleAnyway, or the System defaults hostname maxSkew 3 and zone maxSkew 5 for a
 * pod without constraints that a Service or its ReplicaSet selects):
 * {@code raw = round(sum_c matching_c(domain) * ln(domains_c + 2) + (maxSkew_c - 1))},
 * normalized {@code 100 * (max + min - raw) / max} over non-ignored nodes (100 for all when max is 0).
 */
public final class PodTopologySpread implements PreFilterPlugin, PreFilterExtensions, FilterPlugin, PreScorePlugin,
        ScorePlugin {
    public static final String NAME = "PodTopologySpread";
    public static final String ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
    public static final String ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)";
    /** upstream system default constraints. */
    public static final int DEFAULT_HOSTNAME_MAX_SKEW = 3;
    public static final int DEFAULT_ZONE_MAX_SKEW = 5;

    private static final Status CONSTRAINTS_NOT_MATCH = Status.unschedulable(NAME, ERR_REASON_CONSTRAINTS_NOT_MATCH);
    private static final Status NODE_LABEL_NOT_MATCH = Status.unresolvable(NAME, ERR_REASON_NODE_LABEL_NOT_MATCH);

    /** One constraint with its effective selector (matchLabelKeys merged in). */
    record Constraint(int maxSkew, String topologyKey, LabelSelector selector, int minDomains,
                      boolean honorNodeAffinity, boolean honorNodeTaints) {
        /** The zone and hostname keys become the {@link Node} constants, which {@link NodeInfo#label} reads fast. */
        Constraint {
            topologyKey = Node.LABEL_ZONE.equals(topologyKey) ? Node.LABEL_ZONE
                    : Node.LABEL_HOSTNAME.equals(topologyKey) ? Node.LABEL_HOSTNAME : topologyKey;
        }
    }

    private record FilterState(List<Constraint> constraints, List<Map<String, Integer>> counts, int[] minMatch,
                               int[] domains) implements CycleState.StateData {
        @Override
        public FilterState copy() {
            List<Map<String, Integer>> c = new ArrayList<>(counts.size());
            for (Map<String, Integer> m : counts) {
                c.add(new HashMap<>(m));
            }
            return new FilterState(constraints, c, minMatch.clone(), domains.clone());
        }

        void updateMin(int i) {
            int min = Integer.MAX_VALUE;
            for (int v : counts.get(i).values()) {
                min = Math.min(min, v);
            }
            minMatch[i] = min;
        }
    }

    /**
     * The domains of one constraint among the scored nodes: each value of its topology key gets
     * an index, in order of first appearance; a node missing the key counts in domain "" but
     * scores nothing for it. Hostname constraints have none (their counts are per node).
     */
    private static final class Domains {
        final Map<String, Integer> index = new HashMap<>();
        /** Per scored node (by position), its domain's index, -1 without the key. */
        final int[] of;
        long[] matching;

        Domains(int nodes) {
            of = new int[nodes];
        }

        /** Files the node at {@code position} under {@code value} (null: the key is missing). */
        void add(int position, String value) {
            String domain = value == null ? "" : value;
            Integer i = index.get(domain);
            if (i == null) {
                i = index.size();
                index.put(domain, i);
            }
            of[position] = value == null ? -1 : i;
        }

        /** Adds pods to the domain {@code value}, when some scored node is in it. */
        void count(String value, long pods) {
            Integer i = index.get(value);
            if (i != null) {
                matching[i] += pods;
            }
        }

        long countAt(int position) {
            return matching[of[position]];
        }

        long countOf(String value) {
            Integer i = index.get(value);
            return i == null ? 0 : matching[i];
        }
    }

    /**
     * @param scored   the nodes preScore saw, by position (scoreAll and normalizeScores get the same list)
     * @param ignored  per position: a node without every constraint's key scores 0
     * @param domains  per constraint, its domains (null for hostname constraints)
     * @param indexed  per constraint, matching pods per node kept by the cache (null: count on the node)
     */
    private record ScoreState(List<Constraint> constraints, List<NodeInfo> scored, boolean[] ignored,
                              Set<String> ignoredNodes, List<Domains> domains, double[] weights,
                              List<MatchingPods> indexed) {
        boolean isIgnored(List<NodeInfo> nodes, int i) {
            return nodes == scored ? ignored[i] : ignoredNodes.contains(nodes.get(i).name());
        }
    }

    private static final CycleState.Key<FilterState> FILTER_STATE = new CycleState.Key<>("PreFilter" + NAME);
    private static final CycleState.Key<ScoreState> SCORE_STATE = new CycleState.Key<>("PreScore" + NAME);

    private final ClusterSnapshot snapshot;
    private final boolean systemDefaulting;

    /** {@code systemDefaulting}: defaultingType System (the upstream default). */
    public PodTopologySpread(ClusterSnapshot snapshot, boolean systemDefaulting) {
        this.snapshot = snapshot;
        this.systemDefaulting = systemDefaulting;
    }

    @Override
    public String name() {
        return NAME;
    }

    static List<Constraint> constraints(Pod pod, boolean doNotSchedule) {
        List<Constraint> out = new ArrayList<>();
        for (TopologySpreadConstraint c : pod.spec().topologySpreadConstraints()) {
            if (c.doNotSchedule() != doNotSchedule) {
                continue;
            }
            LabelSelector sel = c.labelSelector() == null ? new LabelSelector(Map.of(), List.of()) : c.labelSelector();
            if (!c.matchLabelKeys().isEmpty()) {
                // upstream: each matchLabelKeys key present on the pod adds "key in (value)".
                List<Requirement> reqs = new ArrayList<>(sel.matchExpressions());
                for (String k : c.matchLabelKeys()) {
                    String v = pod.metadata().labels().get(k);
                    if (v != null) {
                        reqs.add(new Requirement(k, SelectorOperator.IN, List.of(v)));
                    }
                }
                sel = new LabelSelector(sel.matchLabels(), reqs);
            }
            out.add(new Constraint(c.maxSkew(), c.topologyKey(), sel, c.minDomains() == null ? 1 : c.minDomains(),
                    c.honorNodeAffinity(), c.honorNodeTaints()));
        }
        return out;
    }

    /** Counts of a selector that selects nothing. */
    private static final MatchingPods NO_PODS = new MatchingPods() {
        @Override
        public DomainCounts byNode() {
            return DomainCounts.NONE;
        }

        @Override
        public DomainCounts byZone() {
            return DomainCounts.NONE;
        }
    };

    /** Per constraint, the snapshot's kept counts, or null where a node-by-node count is needed. */
    private List<MatchingPods> indexedCounts(List<Constraint> constraints, String namespace) {
        List<MatchingPods> out = new ArrayList<>(constraints.size());
        // the system defaults share one selector: looked up once (a null answer is simply asked again)
        Map<LabelSelector, MatchingPods> bySelector = new java.util.IdentityHashMap<>();
        for (Constraint c : constraints) {
            out.add(bySelector.computeIfAbsent(c.selector(),
                    s -> s.isEmpty() ? NO_PODS : snapshot.countMatchingPods(s, namespace)));
        }
        return out;
    }

    private static int count(MatchingPods indexed, NodeInfo ni, Constraint c, String namespace) {
        if (indexed != null) {
            return indexed.byNode().count(ni.name());
        }
        return countPodsMatchSelector(ni.pods(), c.selector(), namespace);
    }

    /** upstream countPodsMatchSelector: same namespace, not terminating, matching; an empty selector counts nothing. */
    static int countPodsMatchSelector(List<PodInfo> pods, LabelSelector selector, String namespace) {
        if (selector.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < pods.size(); i++) {
            Pod p = pods.get(i).pod();
            if (!p.metadata().isDeleting() && p.namespace().equals(namespace) && selector.matches(p.metadata().labels())) {
                count++;
            }
        }
        return count;
    }

    private static boolean hasAllKeys(NodeInfo node, List<Constraint> constraints) {
        for (Constraint c : constraints) {
            if (!node.hasLabel(c.topologyKey())) {
                return false;
            }
        }
        return true;
    }

    /** upstream matchNodeInclusionPolicies: nodeAffinityPolicy Honor and nodeTaintsPolicy Honor. */
    private static boolean matchesInclusionPolicies(Pod pod, Node node, Constraint c) {
        if (c.honorNodeAffinity() && !NodeAffinity.matchesRequired(pod.spec(), node)) {
            return false;
        }
        if (c.honorNodeTaints()) {
            for (Taint t : node.taints()) {
                if (t.effect() != TaintEffect.PREFER_NO_SCHEDULE && !Toleration.anyTolerates(pod.spec().tolerations(), t)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        List<Constraint> constraints = constraints(pod.pod(), true);
        if (constraints.isEmpty()) {
            return Status.SKIP;
        }
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            counts.add(new HashMap<>());
        }
        String ns = pod.pod().namespace();
        List<MatchingPods> indexed = indexedCounts(constraints, ns);
        for (NodeInfo ni : snapshot.nodeInfos()) {
            Node node = ni.node();
            if (!hasAllKeys(ni, constraints)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Constraint c = constraints.get(i);
                if (!matchesInclusionPolicies(pod.pod(), node, c)) {
                    continue;
                }
                int n = count(indexed.get(i), ni, c, ns);
                counts.get(i).merge(ni.label(c.topologyKey()), n, Integer::sum);
            }
        }
        FilterState s = new FilterState(constraints, counts, new int[constraints.size()], new int[constraints.size()]);
        for (int i = 0; i < constraints.size(); i++) {
            s.updateMin(i);
            s.domains()[i] = counts.get(i).size();
        }
        state.put(FILTER_STATE, s);
        return Status.SUCCESS;
    }

    /** upstream AddPod extension (updateWithPod +1). */
    @Override
    public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
        update(state, pod, added, node, 1);
    }

    /** upstream RemovePod extension (updateWithPod -1). */
    @Override
    public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
        update(state, pod, removed, node, -1);
    }

    private void update(CycleState state, PodInfo pod, PodInfo other, NodeInfo node, int delta) {
        FilterState s = state.get(FILTER_STATE);
        Node n = node.node();
        if (s == null || !other.pod().namespace().equals(pod.pod().namespace()) || !hasAllKeys(node, s.constraints())) {
            return;
        }
        for (int i = 0; i < s.constraints().size(); i++) {
            Constraint c = s.constraints().get(i);
            if (!c.selector().matches(other.pod().metadata().labels()) || !matchesInclusionPolicies(pod.pod(), n, c)) {
                continue;
            }
            s.counts().get(i).merge(node.label(c.topologyKey()), delta, Integer::sum);
            s.updateMin(i);
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        FilterState s = state.get(FILTER_STATE);
        if (s == null) {
            return Status.SUCCESS;
        }
        Map<String, String> podLabels = pod.pod().metadata().labels();
        for (int i = 0; i < s.constraints().size(); i++) {
            Constraint c = s.constraints().get(i);
            String value = node.label(c.topologyKey());
            if (value == null) {
                return NODE_LABEL_NOT_MATCH;
            }
            int minMatch = s.domains()[i] < c.minDomains() ? 0 : s.minMatch()[i];
            int self = c.selector().matches(podLabels) ? 1 : 0;
            long skew = (long) s.counts().get(i).getOrDefault(value, 0) + self - minMatch;
            if (skew > c.maxSkew()) {
                return CONSTRAINTS_NOT_MATCH;
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        Pod p = pod.pod();
        List<Constraint> constraints;
        boolean requireAllTopologies;
        if (!p.spec().topologySpreadConstraints().isEmpty()) {
            constraints = constraints(p, false);
            requireAllTopologies = true;
        } else if (systemDefaulting) {
            constraints = defaultConstraints(p);
            requireAllTopologies = false;
        } else {
            constraints = List.of();
            requireAllTopologies = true;
        }
        if (constraints.isEmpty()) {
            return Status.SKIP;
        }
        int n = feasibleNodes.size();
        boolean[] ignored = new boolean[n];
        Set<String> ignoredNodes = new HashSet<>();
        List<Domains> domains = new ArrayList<>(constraints.size());
        for (Constraint c : constraints) {
            domains.add(c.topologyKey().equals(Node.LABEL_HOSTNAME) ? null : new Domains(n));
        }
        for (int pos = 0; pos < n; pos++) {
            NodeInfo ni = feasibleNodes.get(pos);
            if (requireAllTopologies && !hasAllKeys(ni, constraints)) {
                ignored[pos] = true;
                ignoredNodes.add(ni.name());
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                Domains d = domains.get(i);
                if (d != null) { // per-node counts are taken in Score
                    d.add(pos, ni.label(constraints.get(i).topologyKey()));
                }
            }
        }
        double[] weights = new double[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            Domains d = domains.get(i);
            int size = d == null ? n - ignoredNodes.size() : d.index.size();
            weights[i] = Math.log(size + 2);
            if (d != null) {
                d.matching = new long[d.index.size()];
            }
        }
        String ns = p.namespace();
        List<MatchingPods> indexed = indexedCounts(constraints, ns);
        // Constraints with kept counts only need the nodes holding matching pods (a node without
        // any adds nothing), or the zones when every node counts; the others count node by node.
        boolean anyUnindexed = false;
        for (int i = 0; i < constraints.size(); i++) {
            MatchingPods counts = indexed.get(i);
            if (counts == null) {
                anyUnindexed = true;
                continue;
            }
            Domains d = domains.get(i);
            if (d == null) {
                continue;
            }
            if (everyNodeCounts(p, constraints.get(i), requireAllTopologies)
                    && constraints.get(i).topologyKey().equals(Node.LABEL_ZONE)) {
                counts.byZone().forEach(d::count); // the zones' sums over the known nodes
                continue;
            }
            int constraint = i;
            counts.byNode().forEach((nodeName, matching) -> {
                NodeInfo ni = snapshot.nodeInfo(nodeName);
                if (ni != null) {
                    addPairCount(p, ni, constraints, constraint, requireAllTopologies, d, matching);
                }
            });
        }
        if (anyUnindexed) {
            for (NodeInfo ni : snapshot.nodeInfos()) {
                for (int i = 0; i < constraints.size(); i++) {
                    if (indexed.get(i) == null && domains.get(i) != null) {
                        addPairCount(p, ni, constraints, i, requireAllTopologies, domains.get(i),
                                count(null, ni, constraints.get(i), ns));
                    }
                }
            }
        }
        state.put(SCORE_STATE, new ScoreState(constraints, feasibleNodes, ignored, ignoredNodes, domains, weights,
                indexed));
        return Status.SUCCESS;
    }

    /**
     * True when every known node's matching pods count in its domain of {@code c}: the constraint
     * needs no other key and its inclusion policies pass every node (no node affinity to honor,
     * taints not honored).
     */
    private static boolean everyNodeCounts(Pod p, Constraint c, boolean requireAllTopologies) {
        if (requireAllTopologies || c.honorNodeTaints()) {
            return false;
        }
        return !c.honorNodeAffinity() || !NodeAffinity.hasRequired(p.spec());
    }

    /** Adds {@code matching} pods on {@code node} to its domain of constraint {@code i}, when the node counts. */
    private static void addPairCount(Pod p, NodeInfo node, List<Constraint> constraints, int i,
                                     boolean requireAllTopologies, Domains domains, long matching) {
        Constraint c = constraints.get(i);
        if (requireAllTopologies && !hasAllKeys(node, constraints) || !matchesInclusionPolicies(p, node.node(), c)) {
            return;
        }
        String value = node.label(c.topologyKey());
        domains.count(value == null ? "" : value, matching); // else not a domain of any candidate node
    }

    /**
     * upstream buildDefaultConstraints with helper.DefaultSelector: the selectors of the Services
     * selecting the pod, merged, plus the selector of its controlling ReplicaSet, ReplicationController
     * or StatefulSet (read through its scale). None: no constraints.
     */
    private List<Constraint> defaultConstraints(Pod pod) {
        Map<String, String> matchLabels = new TreeMap<>();
        // the Services that may select the pod, in the order of the store's list (creation order)
        for (Service s : snapshot.store().servicesBySelector().candidates(pod)) {
            if (s.selects(pod)) {
                matchLabels.putAll(s.selector());
            }
        }
        List<Requirement> reqs = new ArrayList<>();
        OwnerReference owner = pod.metadata().owner();
        if (owner != null && !owner.kind().equals(io.kubesim.cluster.Deployment.KIND)) {
            // helper.DefaultSelector: the selector of the owning ReplicaSet, ReplicationController or StatefulSet
            io.kubesim.cluster.Scale scale = snapshot.store().scales().get(owner.kind(), pod.namespace(), owner.name());
            LabelSelector ownerSelector = scale == null ? null : scale.selector();
            if (ownerSelector != null) {
                ownerSelector.matchLabels().forEach((k, v) -> reqs.add(new Requirement(k, SelectorOperator.IN, List.of(v))));
                reqs.addAll(ownerSelector.matchExpressions());
            }
        }
        LabelSelector selector = new LabelSelector(matchLabels, reqs);
        if (selector.isEmpty()) {
            return List.of();
        }
        return List.of(
                new Constraint(DEFAULT_HOSTNAME_MAX_SKEW, Node.LABEL_HOSTNAME, selector, 1, true, false),
                new Constraint(DEFAULT_ZONE_MAX_SKEW, Node.LABEL_ZONE, selector, 1, true, false));
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        ScoreState s = state.get(SCORE_STATE);
        if (s.ignoredNodes().contains(node.name())) {
            return 0;
        }
        double score = 0;
        for (int i = 0; i < s.constraints().size(); i++) {
            Constraint c = s.constraints().get(i);
            String value = node.label(c.topologyKey());
            if (value == null) {
                continue;
            }
            Domains d = s.domains().get(i);
            long count = d == null ? count(s.indexed().get(i), node, c, pod.pod().namespace()) : d.countOf(value);
            score += count * s.weights()[i] + (c.maxSkew() - 1);
        }
        return Math.round(score);
    }

    /** The nodes preScore saw, by position: their domains are known without looking their labels up again. */
    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        ScoreState s = state.get(SCORE_STATE);
        if (nodes != s.scored()) {
            ScorePlugin.super.scoreAll(state, pod, nodes, scores);
            return;
        }
        String ns = pod.pod().namespace();
        for (int pos = 0; pos < scores.length && pos < nodes.size(); pos++) {
            if (s.ignored()[pos]) {
                scores[pos] = 0;
                continue;
            }
            NodeInfo node = nodes.get(pos);
            double score = 0;
            for (int i = 0; i < s.constraints().size(); i++) {
                Constraint c = s.constraints().get(i);
                Domains d = s.domains().get(i);
                long count;
                if (d != null) {
                    if (d.of[pos] < 0) {
                        continue; // no such label
                    }
                    count = d.countAt(pos);
                } else {
                    if (node.label(c.topologyKey()) == null) {
                        continue;
                    }
                    count = count(s.indexed().get(i), node, c, ns);
                }
                score += count * s.weights()[i] + (c.maxSkew() - 1);
            }
            scores[pos] = Math.round(score);
        }
    }

    @Override
    public void normalizeScores(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        ScoreState s = state.get(SCORE_STATE);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < scores.length; i++) {
            if (s.isIgnored(nodes, i)) {
                continue;
            }
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
        }
        for (int i = 0; i < scores.length; i++) {
            if (s.isIgnored(nodes, i)) {
                scores[i] = 0;
            } else if (max == 0) {
                scores[i] = MAX_NODE_SCORE;
            } else {
                scores[i] = MAX_NODE_SCORE * (max + min - scores[i]) / max;
            }
        }
    }
}
