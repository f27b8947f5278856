package io.kubesim.scenarios.scenario;

import io.kubesim.api.Container;
import io.kubesim.api.Manifest;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Suggestions;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads {@code timeline}: entries of {@code at} plus exactly one action, checked against what
 * the scenario defines (Deployments and their containers, the workload a {@code scale} names, node pools, node names
 * {@code <pool>-<n>} that exist at that time given earlier {@code addNodes}), and sorted by time;
 * entries at the same time keep their order in the file. {@code drain} and {@code upgrade} take
 * their kubectl and GKE defaults (no drain timeout; maxSurge 1, maxUnavailable 0, a 1 h drain
 * limit per upgraded node).
 */
final class TimelineReader {
    /**
     * How long an upgrade waits on a node's drain before deleting the node anyway: GKE respects
     * PodDisruptionBudgets for up to an hour during upgrades.
     */
    static final long DEFAULT_UPGRADE_DRAIN_TIMEOUT = SimTime.minutes(60);

    /**
     * The fields of a {@code scale} action: which kind of workload it names. Every kind resolves
     * at run time through the cluster's scale subresources; a kind the simulation does not run
     * yet finds no object in the manifests and is refused here, where the name is written.
     */
    static final Map<String, String> SCALE_TARGETS = scaleTargets();

    private static Map<String, String> scaleTargets() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("deployment", "Deployment");
        m.put("replicaset", "ReplicaSet");
        m.put("replicationcontroller", "ReplicationController");
        m.put("statefulset", "StatefulSet");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The keys a {@code rollout} may name its object by, exactly one of them. */
    private static final List<String> ROLLOUT_TARGETS = List.of("deployment", "statefulset", "daemonset", "rollout");

    private final List<NodePool> pools;
    private final WorkloadIndex deployments;
    private final List<Manifest> manifests;
    private final WorkloadIndex statefulSets;
    private final long duration;
    private final Diagnostics diagnostics;
    private WorkloadIndex daemonSets = WorkloadIndex.daemonSets(List.of());
    private ManifestChangesReader changes;

    /**
     * {@code rollout} entries name a Deployment of {@code deployments} or a StatefulSet of
     * {@code statefulSets} (or a DaemonSet, see {@link #daemonSets}).
     *
     * @param manifests every loaded object, for the workloads a {@code scale} names
     */
    TimelineReader(List<NodePool> pools, WorkloadIndex deployments, WorkloadIndex statefulSets,
                   List<Manifest> manifests, long duration, Diagnostics diagnostics) {
        this.pools = pools;
        this.deployments = deployments;
        this.statefulSets = statefulSets;
        this.manifests = manifests;
        this.duration = duration;
        this.diagnostics = diagnostics;
        this.changes = new ManifestChangesReader(manifests, null, diagnostics);
    }

    /** The Argo Rollouts a {@code rollout}, {@code promote}, {@code abort} or {@code retry} may name. */
    private WorkloadIndex rollouts() {
        return WorkloadIndex.ofKind(manifests, "Rollout");
    }

    /** How the files an {@code apply} names are read (as the scenario's {@code manifests}). */
    TimelineReader manifestFiles(java.util.function.Function<ScenarioNode, io.kubesim.scenarios.Loaded<List<Manifest>>> loader) {
        this.changes = new ManifestChangesReader(manifests, loader, diagnostics);
        return this;
    }

    /** The DaemonSets a {@code rollout: {daemonset: NAME}} may name. */
    TimelineReader daemonSets(WorkloadIndex index) {
        this.daemonSets = index;
        return this;
    }

    private record Entry(long at, ScenarioNode node, String action, ScenarioNode body) {
    }

    List<TimelineAction> read(ScenarioNode timeline) {
        if (!timeline.isPresent()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (ScenarioNode n : timeline.items()) {
            n.object("TimelineEntry");
            long at = n.required("at").duration();
            if (at > duration) {
                diagnostics.warn(n.get("at").location(), "at " + SimTime.format(at) + " is after the end of the scenario ("
                        + SimTime.format(duration) + "); the action never happens");
            }
            List<String> actions = ScenarioFormat.ACTIONS.stream().filter(a -> n.get(a).isPresent()).toList();
            if (actions.size() != 1) {
                throw n.error(actions.isEmpty()
                        ? "expected one action besides at: one of " + String.join(", ", ScenarioFormat.ACTIONS)
                        : "expected exactly one action per timeline entry, got " + String.join(" and ", actions));
            }
            entries.add(new Entry(at, n, actions.get(0), n.get(actions.get(0))));
        }
        entries.sort(Comparator.comparingLong(Entry::at)); // stable: equal times keep file order
        Map<String, Integer> poolSizes = new LinkedHashMap<>();
        pools.forEach(p -> poolSizes.put(p.name(), p.count()));
        List<TimelineAction> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(action(e, poolSizes));
        }
        return out;
    }

    /**
     * {@code rollout: {daemonset: NAME, images: {...}}}: a new template for a DaemonSet.
     */
    private TimelineAction rolloutDaemonSet(Entry e, ScenarioNode b) {
        ScenarioNode dsNode = b.get("daemonset");
        String name = dsNode.nonEmptyText();
        Manifest ds = daemonSets.resolve(name, dsNode);
        List<String> containers = new ArrayList<>();
        var spec = ((Manifest.DaemonSetManifest) ds).template().spec();
        spec.containers().stream().map(Container::name).forEach(containers::add);
        spec.initContainers().stream().map(Container::name).forEach(containers::add);
        Map<String, String> images = b.get("images").isPresent() ? b.get("images").stringMap() : Map.of();
        for (var img : b.get("images").isPresent() ? b.get("images").entries().entrySet()
                : Map.<String, ScenarioNode>of().entrySet()) {
            if (!containers.contains(img.getKey())) {
                throw img.getValue().errorAtKey("DaemonSet " + ds.key() + " has no container \"" + img.getKey() + "\""
                        + Suggestions.didYouMean(img.getKey(), new TreeSet<>(containers)) + " (containers: "
                        + String.join(", ", containers) + ")");
            }
            if (img.getValue().nonEmptyText().isBlank()) {
                throw img.getValue().error("expected an image reference");
            }
        }
        return new TimelineAction.RolloutDaemonSet(e.at(), name, images);
    }

    /** The default time from a rollback condition to the undo: a CD system's or a person's reaction. */
    static final long DEFAULT_REACTION_DELAY = io.kubesim.engine.SimTime.seconds(30);

    /** {@code rollbackOn}: at least one condition; {@code for} and {@code reactionDelay} durations. */
    private static io.kubesim.sim.RollbackOn rollbackOn(ScenarioNode n) {
        n.object("RollbackOn");
        double ratio = 0;
        ScenarioNode r = n.get("errorRatio");
        if (r.isPresent()) {
            String t = r.scalarText();
            try {
                ratio = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100
                        : Double.parseDouble(t);
            } catch (NumberFormatException ex) {
                throw r.error("expected a share of requests such as 0.05 or 5%, got " + t);
            }
            if (!(ratio > 0 && ratio <= 1)) {
                throw r.error("expected a share of requests above 0 and at most 1 (or 100%), got " + t);
            }
        }
        double p99 = 0;
        if (n.get("p99Ms").isPresent()) {
            p99 = n.get("p99Ms").nonNegativeNumber("a latency in milliseconds");
            if (p99 == 0) {
                throw n.get("p99Ms").error("expected a latency in milliseconds above 0, got 0");
            }
        }
        boolean deadline = n.get("progressDeadlineExceeded").isPresent() && n.get("progressDeadlineExceeded").bool();
        if (ratio == 0 && p99 == 0 && !deadline) {
            throw n.error("expected at least one condition: errorRatio, p99Ms or progressDeadlineExceeded: true");
        }
        long holdFor = n.get("for").isPresent() ? n.get("for").duration() : 0;
        long delay = n.get("reactionDelay").isPresent() ? n.get("reactionDelay").duration() : DEFAULT_REACTION_DELAY;
        long bake = n.get("bakeTime").isPresent() ? n.get("bakeTime").duration() : 0;
        return new io.kubesim.sim.RollbackOn(ratio, p99, holdFor, deadline, delay, bake);
    }

    private TimelineAction action(Entry e, Map<String, Integer> poolSizes) {
        ScenarioNode b = e.body();
        switch (e.action()) {
            case "rollout" -> {
                b.object("Rollout");
                List<String> named = ROLLOUT_TARGETS.stream().filter(k -> b.get(k).isPresent()).toList();
                if (named.isEmpty()) {
                    throw b.error("missing \"deployment\", \"statefulset\", \"daemonset\" or \"rollout\" (an Argo"
                            + " Rollout): the object to roll out");
                }
                if (named.size() > 1) {
                    throw b.get(named.get(1)).errorAtKey("a rollout names one of deployment, statefulset, daemonset and"
                            + " rollout, got " + String.join(" and ", named));
                }
                if (named.get(0).equals("daemonset")) {
                    if (b.get("rollbackOn").isPresent()) {
                        throw b.get("rollbackOn").errorAtKey("rollbackOn applies to a Deployment's rollout (it is undone"
                                + " with kubectl rollout undo)");
                    }
                    return rolloutDaemonSet(e, b);
                }
                boolean statefulSet = named.get(0).equals("statefulset");
                boolean argo = named.get(0).equals("rollout");
                ScenarioNode depNode = b.get(named.get(0));
                String dep = depNode.nonEmptyText();
                Manifest d = (argo ? rollouts() : statefulSet ? statefulSets : deployments).resolve(dep, depNode);
                io.kubesim.api.PodTemplate template = d instanceof Manifest.StatefulSetManifest s ? s.template()
                        : d instanceof Manifest.RolloutManifest ro ? ro.spec().template()
                        : ((Manifest.DeploymentManifest) d).template();
                Map<String, String> images = b.get("images").isPresent() ? b.get("images").stringMap() : Map.of();
                List<String> containers = new ArrayList<>();
                template.spec().containers().stream().map(Container::name).forEach(containers::add);
                template.spec().initContainers().stream().map(Container::name).forEach(containers::add);
                for (var img : b.get("images").isPresent() ? b.get("images").entries().entrySet()
                        : Map.<String, ScenarioNode>of().entrySet()) {
                    if (!containers.contains(img.getKey())) {
                        throw img.getValue().errorAtKey(d.kind() + " " + d.key() + " has no container \"" + img.getKey()
                                + "\"" + Suggestions.didYouMean(img.getKey(), new TreeSet<>(containers))
                                + " (containers: " + String.join(", ", containers) + ")");
                    }
                    if (img.getValue().nonEmptyText().isBlank()) {
                        throw img.getValue().error("expected an image reference");
                    }
                }
                io.kubesim.sim.RollbackOn rollbackOn = null;
                if (b.get("rollbackOn").isPresent()) {
                    if (statefulSet || argo) {
                        throw b.get("rollbackOn").errorAtKey("rollbackOn applies to a Deployment's rollout (it is undone"
                                + " with kubectl rollout undo)" + (argo ? "; an Argo Rollout aborts by its own analysis"
                                + " (AnalysisTemplates) or an abort action" : ""));
                    }
                    rollbackOn = rollbackOn(b.get("rollbackOn"));
                }
                return new TimelineAction.Rollout(e.at(), dep, images, d.kind(), rollbackOn);
            }
            case "promote", "abort", "retry" -> {
                b.object(e.action().equals("promote") ? "Promote" : "RolloutCommand");
                ScenarioNode ro = b.required("rollout");
                rollouts().resolve(ro.nonEmptyText(), ro);
                boolean full = e.action().equals("promote") && b.get("full").isPresent() && b.get("full").bool();
                return new TimelineAction.RolloutCommand(e.at(), ro.nonEmptyText(), full ? "promoteFull" : e.action());
            }
            case "apply" -> {
                return changes.apply(e.at(), b);
            }
            case "undo" -> {
                b.object("Undo");
                ScenarioNode depNode = b.required("deployment");
                String dep = depNode.nonEmptyText();
                deployments.resolve(dep, depNode);
                long toRevision = b.get("toRevision").isPresent() ? b.get("toRevision").intInRange(1, Integer.MAX_VALUE) : 0;
                return new TimelineAction.Undo(e.at(), dep, toRevision);
            }
            case "patch" -> {
                b.object("Patch");
                if (b.get("object").isPresent() || b.get("merge").isPresent()) {
                    return changes.mergePatch(e.at(), b);
                }
                ScenarioNode svc = b.required("service");
                String key = WorkloadIndex.services(manifests).resolve(svc.nonEmptyText(), svc).key();
                ScenarioNode sel = b.required("selector");
                Map<String, String> selector = sel.stringMap();
                if (selector.isEmpty()) {
                    throw sel.error("expected a selector with at least one label (an empty one selects no pod here)");
                }
                return new TimelineAction.PatchService(e.at(), key, selector);
            }
            case "pause", "resume" -> {
                b.object("PauseRollout");
                if (b.get("rollout").isPresent()) {
                    if (b.get("deployment").isPresent()) {
                        throw b.get("rollout").errorAtKey("expected one of deployment and rollout, got both");
                    }
                    ScenarioNode ro = b.get("rollout");
                    rollouts().resolve(ro.nonEmptyText(), ro);
                    return new TimelineAction.RolloutCommand(e.at(), ro.nonEmptyText(), e.action());
                }
                ScenarioNode depNode = b.required("deployment");
                String dep = depNode.nonEmptyText();
                deployments.resolve(dep, depNode);
                return new TimelineAction.PauseRollout(e.at(), dep, e.action().equals("pause"));
            }
            case "scale" -> {
                b.object("Scale");
                List<String> given = SCALE_TARGETS.keySet().stream().filter(k -> b.get(k).isPresent()).toList();
                if (given.size() != 1) {
                    throw b.errorAtKey(given.isEmpty()
                            ? "expected what to scale: one of " + String.join(", ", SCALE_TARGETS.keySet())
                            : "expected one workload to scale, got " + String.join(" and ", given));
                }
                String field = given.get(0);
                String kind = SCALE_TARGETS.get(field);
                ScenarioNode nameNode = b.get(field);
                String name = nameNode.nonEmptyText();
                (field.equals("deployment") ? deployments : WorkloadIndex.ofKind(manifests, kind))
                        .resolve(name, nameNode);
                return new TimelineAction.Scale(e.at(), name, b.required("replicas").intInRange(0, 1_000_000), kind);
            }
            case "addNodes" -> {
                b.object("AddNodes");
                String pool = pool(b.required("pool"));
                int count = b.required("count").intInRange(1, 100_000);
                poolSizes.merge(pool, count, Integer::sum);
                return new TimelineAction.AddNodes(e.at(), pool, count);
            }
            case "failNodes" -> {
                NodeSelection n = nodeSelection(b, poolSizes);
                return new TimelineAction.FailNodes(e.at(), n.pool(), n.count(), n.nodes());
            }
            case "failBusiestNode" -> {
                b.object("FailBusiestNode");
                String pool = b.get("pool").isPresent() ? pool(b.get("pool")) : "";
                for (String field : List.of("deployment", "statefulset")) {
                    if (b.get(field).isPresent()) {
                        ScenarioNode nameNode = b.get(field);
                        String name = nameNode.nonEmptyText();
                        String kind = field.equals("deployment") ? "Deployment" : "StatefulSet";
                        (field.equals("deployment") ? deployments : WorkloadIndex.ofKind(manifests, kind))
                                .resolve(name, nameNode);
                        return new TimelineAction.FailBusiest(e.at(), pool, false, kind,
                                name.contains("/") ? name : "default/" + name);
                    }
                }
                return new TimelineAction.FailBusiest(e.at(), pool, false);
            }
            case "failBusiestZone" -> {
                b.object("FailBusiestZone");
                return new TimelineAction.FailBusiest(e.at(), "", true);
            }
            case "recoverNodes" -> {
                b.object("NodeList");
                return new TimelineAction.RecoverNodes(e.at(), nodes(b, poolSizes), "");
            }
            case "failZone", "recoverZone" -> {
                b.object("FailZone");
                ScenarioNode z = b.required("zone");
                String zone = z.nonEmptyText();
                TreeSet<String> zones = new TreeSet<>();
                pools.forEach(p -> zones.addAll(p.zones()));
                pools.forEach(p -> {
                    String label = p.labels().get("topology.kubernetes.io/zone");
                    if (label != null) {
                        zones.add(label);
                    }
                });
                if (!zones.contains(zone)) {
                    throw z.error("no zone named \"" + zone + "\"" + Suggestions.didYouMean(zone, zones)
                            + (zones.isEmpty() ? " (no node pool has zones)" : " (zones: " + String.join(", ", zones) + ")"));
                }
                return e.action().equals("failZone") ? new TimelineAction.FailZone(e.at(), zone)
                        : new TimelineAction.RecoverNodes(e.at(), List.of(), zone);
            }
            case "removeNodes" -> {
                NodeSelection n = nodeSelection(b, poolSizes);
                return new TimelineAction.RemoveNodes(e.at(), n.pool(), n.count(), n.nodes());
            }
            case "drain" -> {
                b.object("Drain");
                ScenarioNode nodeNode = b.required("node");
                String node = nodeNode.nonEmptyText();
                if (!exists(node, poolSizes)) {
                    throw nodeNode.error(noSuchNode(node, poolSizes));
                }
                long timeout = b.get("timeout").isPresent() ? b.get("timeout").positiveDuration() : 0;
                boolean force = b.get("force").isPresent() && b.get("force").bool();
                return new TimelineAction.Drain(e.at(), node, timeout, gracePeriod(b.get("gracePeriod")), force);
            }
            case "upgrade" -> {
                b.object("Upgrade");
                String pool = pool(b.required("pool"));
                int surge = b.get("maxSurge").isPresent() ? b.get("maxSurge").intInRange(0, 100_000) : 1;
                int unavailable = b.get("maxUnavailable").isPresent() ? b.get("maxUnavailable").intInRange(0, 100_000) : 0;
                if (surge + unavailable < 1) {
                    throw b.error("maxSurge and maxUnavailable may not both be 0: the upgrade could replace no node");
                }
                long drainTimeout = b.get("drainTimeout").isPresent() ? b.get("drainTimeout").duration()
                        : DEFAULT_UPGRADE_DRAIN_TIMEOUT;
                return new TimelineAction.Upgrade(e.at(), pool, surge, unavailable, drainTimeout,
                        gracePeriod(b.get("gracePeriod")));
            }
            default -> {
                b.object("NodeList");
                return new TimelineAction.Cordon(e.at(), nodes(b, poolSizes), e.action().equals("cordon"));
            }
        }
    }

    /** A grace period override in whole seconds; null when left out (each pod's own applies). */
    private static Long gracePeriod(ScenarioNode n) {
        if (!n.isPresent()) {
            return null;
        }
        long micros = n.duration();
        if (micros % SimTime.MICROS_PER_SECOND != 0) {
            throw n.error("expected whole seconds (a grace period is in seconds), got " + n.scalarText());
        }
        return micros / SimTime.MICROS_PER_SECOND;
    }

    private String pool(ScenarioNode n) {
        String name = n.nonEmptyText();
        List<String> names = pools.stream().map(NodePool::name).toList();
        if (!names.contains(name)) {
            throw n.error("no node pool named \"" + name + "\"" + Suggestions.didYouMean(name, new TreeSet<>(names))
                    + " (pools: " + String.join(", ", names) + ")");
        }
        return name;
    }

    private List<String> nodes(ScenarioNode b, Map<String, Integer> poolSizes) {
        ScenarioNode list = b.required("nodes");
        List<ScenarioNode> items = list.items();
        if (items.isEmpty()) {
            throw list.error("expected at least one node name");
        }
        List<String> out = new ArrayList<>();
        for (ScenarioNode n : items) {
            String node = n.nonEmptyText();
            if (!exists(node, poolSizes)) {
                throw n.error(noSuchNode(node, poolSizes));
            }
            out.add(node);
        }
        return out;
    }

    private static String noSuchNode(String node, Map<String, Integer> poolSizes) {
        return "no node named \"" + node + "\" at this time: nodes are named <pool>-<n>, n from 1 to the "
                + "pool's size (" + poolSizes.entrySet().stream().map(p -> p.getKey() + "-1.." + p.getKey() + "-"
                + p.getValue()).toList() + ")";
    }

    private static boolean exists(String node, Map<String, Integer> poolSizes) {
        for (Map.Entry<String, Integer> p : poolSizes.entrySet()) {
            String prefix = p.getKey() + "-";
            if (node.startsWith(prefix)) {
                String idx = node.substring(prefix.length());
                if (!idx.isEmpty() && idx.length() < 7 && idx.chars().allMatch(Character::isDigit)) {
                    int i = Integer.parseInt(idx);
                    if (i >= 1 && i <= p.getValue() && !idx.startsWith("0")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Nodes named, or {@code count} nodes of a pool (then {@code nodes} is empty). */
    private record NodeSelection(String pool, int count, List<String> nodes) {
    }

    /**
     * The body of removeNodes and failNodes: either {@code nodes: [names]} or {@code pool} and
     * {@code count}; a count above the pool's size at that time is a warning (every node is taken).
     */
    private NodeSelection nodeSelection(ScenarioNode b, Map<String, Integer> poolSizes) {
        b.object("RemoveNodes");
        boolean byName = b.get("nodes").isPresent();
        if (byName == (b.get("pool").isPresent() || b.get("count").isPresent())) {
            throw b.error("expected either nodes: [names] or pool and count");
        }
        if (byName) {
            return new NodeSelection("", 0, nodes(b, poolSizes));
        }
        String pool = pool(b.required("pool"));
        int count = b.required("count").intInRange(1, 100_000);
        int size = poolSizes.getOrDefault(pool, 0);
        if (count > size) {
            diagnostics.warn(b.get("count").location(), "count " + count + " is more than the " + size
                    + " node(s) pool " + pool + " can have at this time; the action takes every node it has");
        }
        return new NodeSelection(pool, count, List.of());
    }
}
