package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any timeline action (drain, upgrade, node or zone failure, scale, ...) told from the records of
 * its window: node events, evictions with their PodDisruptionBudget verdicts, pods stopped and
 * why, pods deleted and created by their ReplicaSets, where the replacements were scheduled, the
 * controllers' decisions (a Deployment's resizes and waits, the replacement pods becoming
 * available). Events of one kind at one instant are told as one step; probe failures, image pulls
 * and container starts are left out of the steps and used for the timing in the conclusions.
 */
final class WindowWalk {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ASSIGNED = Pattern.compile("^Successfully assigned (\\S+) to (\\S+)");
    /** The pod a SuccessfulCreate/SuccessfulDelete names: {@code Created pod: web-1} or {@code create Pod db-2 in StatefulSet db successful}. */
    private static final Pattern POD_IN_MESSAGE = Pattern.compile("(?:[Cc]reated pod: |[Dd]eleted pod: |(?:create|delete) Pod )(\\S+)");

    private final RunRecord run;
    private final JsonNode action;
    private final int index;
    private final PodHistories pods;
    private final DeletionChoices deletions;
    private final List<Explanation.Step> steps = new ArrayList<>();
    private final Evictions evictions = new Evictions();
    private int created;
    private int taintEvictions;
    private double taintEvictionAt;
    private Double notReadyAt;
    /** Deletions the taint-eviction controller scheduled in the window but had not made by its end, by time. */
    private final Map<Double, List<String>> evictionsPending = new java.util.TreeMap<>();
    private String pendingToleration = "";
    private double createdToAvailable;
    private int createdTimed;

    private WindowWalk(RunRecord run, JsonNode action, int index) {
        this.run = run;
        this.action = action;
        this.index = index;
        this.pods = PodHistories.of(run);
        this.deletions = new DeletionChoices(run);
    }

    static Explanation explain(RunRecord run, JsonNode action, int index) {
        return new WindowWalk(run, action, index).walk();
    }

    private Explanation walk() {
        Window span = Window.of(run, action);
        double start = span.start();
        double end = span.end();
        List<JsonNode> window = new ArrayList<>();
        for (JsonNode e : run.events()) {
            double t = e.path("time").asDouble();
            if (t >= start && t <= end) {
                window.add(e);
            }
        }
        List<JsonNode> decisions = new ArrayList<>();
        for (JsonNode d : run.decisions()) {
            double t = d.path("time").asDouble();
            String kind = d.path("kind").asText();
            if (t >= start && t <= end && RolloutWalk.KINDS.contains(kind)) {
                decisions.add(d);
            }
        }
        // Events and decisions merged by time. At one instant a Deployment's resize comes before the
        // events (the ReplicaSet controller's creates and deletes follow from it), its waits after
        // them (they react to what the events tell).
        boolean[] told = new boolean[window.size()];
        int di = 0;
        int i = 0;
        while (i < window.size() || di < decisions.size()) {
            if (i < window.size() && told[i]) {
                i++;
                continue;
            }
            double et = i < window.size() ? window.get(i).path("time").asDouble() : Double.MAX_VALUE;
            double dt = di < decisions.size() ? decisions.get(di).path("time").asDouble() : Double.MAX_VALUE;
            if (dt < et || dt == et && decisions.get(di).path("kind").asText().equals("RolloutStep")) {
                decision(decisions.get(di++));
                continue;
            }
            JsonNode e = window.get(i);
            String reason = e.path("reason").asText();
            String kindOf = kindOf(e);
            List<JsonNode> group = new ArrayList<>();
            if (reason.equals("Evicting")) {
                // every eviction request of the instant, wherever the verdicts fall between them
                for (int k = i; k < window.size() && window.get(k).path("time").asDouble() == et; k++) {
                    if (window.get(k).path("reason").asText().equals("Evicting")) {
                        group.add(window.get(k));
                        told[k] = true;
                    }
                }
            } else {
                for (int k = i; k < window.size() && window.get(k).path("time").asDouble() == et
                        && window.get(k).path("reason").asText().equals(reason) && kindOf(window.get(k)).equals(kindOf)
                        && sameGroup(e, window.get(k)) && !told[k]; k++) {
                    group.add(window.get(k));
                    told[k] = true;
                }
            }
            group(group, window, i + 1);
            i++;
        }
        taintEvictionsScheduled(start, end);
        steps.sort(Comparator.comparingDouble(Explanation.Step::time));
        return new Explanation(noun() + " (timeline action " + (index + 1) + ", " + span.span() + ")", steps,
                conclusions(span));
    }

    private static String kindOf(JsonNode e) {
        String o = e.path("object").asText();
        return o.contains("/") ? o.substring(0, o.indexOf('/')) : o;
    }

    /** Events of one reason at one instant form one step; a ReplicaSet's creates and deletes group per ReplicaSet. */
    private static boolean sameGroup(JsonNode a, JsonNode b) {
        return !kindOf(a).equals("ReplicaSet") && !kindOf(a).equals("Node")
                || a.path("object").asText().equals(b.path("object").asText());
    }

    private void group(List<JsonNode> g, List<JsonNode> window, int after) {
        JsonNode e = g.get(0);
        double t = e.path("time").asDouble();
        String reason = e.path("reason").asText();
        String object = e.path("object").asText();
        String kind = kindOf(e);
        List<String> names = new ArrayList<>();
        for (JsonNode x : g) {
            names.add(Words.podName(x.path("object").asText()));
        }
        if (kind.equals("Node")) {
            if (reason.equals("NodeNotReady") && notReadyAt == null) {
                notReadyAt = t;
            }
            steps.add(new Explanation.Step(t, "node " + Words.podName(object) + ": " + e.path("message").asText()
                    + " (" + reason + ")"));
            return;
        }
        switch (reason) {
            case "Pulling", "Pulled", "Created", "Started", "ScalingReplicaSet" -> {
                // timing only; a Deployment's resizes come from its decisions
            }
            case "Unhealthy" -> {
                List<String> liveness = new ArrayList<>();
                for (JsonNode x : g) {
                    if (x.path("message").asText().startsWith("Liveness")) {
                        liveness.add(Words.podName(x.path("object").asText()));
                    }
                }
                if (!liveness.isEmpty()) {
                    steps.add(new Explanation.Step(t, "liveness probe failed on " + Words.list(liveness)));
                }
            }
            case "Evicting" -> {
                List<JsonNode> sameInstant = new ArrayList<>();
                for (int k = after; k < window.size() && window.get(k).path("time").asDouble() == t; k++) {
                    sameInstant.add(window.get(k));
                }
                steps.add(new Explanation.Step(t, evictions.requests(g, sameInstant)));
            }
            case "EvictionBlocked" -> {
                for (JsonNode x : g) {
                    evictions.refused(x.path("object").asText().substring(4), t);
                }
            }
            case "Killing" -> killing(g, t);
            case "TaintManagerEviction" -> {
                taintEvictions += g.size();
                taintEvictionAt = t;
                steps.add(new Explanation.Step(t, "the taint-eviction controller deletes "
                    + Words.count(g.size(), "pod") + " that do not tolerate the node's NoExecute taint (or whose "
                    + "tolerationSeconds ran out): " + Words.list(names)));
            }
            case "NodeNotReady" -> steps.add(new Explanation.Step(t, Words.count(g.size(), "pod") + " marked not ready ("
                    + e.path("message").asText() + "): " + Words.list(names)));
            case "SuccessfulCreate", "SuccessfulDelete" -> replicaSetPods(g, t, reason.equals("SuccessfulCreate"));
            case "Scheduled" -> {
                List<String> placed = new ArrayList<>();
                for (JsonNode x : g) {
                    Matcher m = ASSIGNED.matcher(x.path("message").asText());
                    placed.add(m.find() ? Words.podName(m.group(1)) + " on " + m.group(2)
                            : Words.podName(x.path("object").asText()));
                }
                steps.add(new Explanation.Step(t, "scheduled " + Words.count(g.size(), "pod") + ": "
                        + Words.list(placed)));
            }
            default -> steps.add(new Explanation.Step(t, reason + " (" + Words.count(g.size(), kind.toLowerCase(
                    java.util.Locale.ROOT)) + ": " + Words.list(names) + "): " + e.path("message").asText()));
        }
    }

    /** Pods stopped at one instant (SIGTERM), each with its eviction's story when it was evicted. */
    private void killing(List<JsonNode> g, double t) {
        List<String> parts = new ArrayList<>();
        for (JsonNode x : g) {
            String pod = x.path("object").asText().substring(4);
            String story = evictions.stopped(pod, t);
            parts.add(story == null ? Words.podName(pod) : story);
        }
        steps.add(new Explanation.Step(t, "SIGTERM to " + Words.count(g.size(), "pod") + " (Killing): "
                + Words.list(parts)));
    }

    /** Pods a workload controller created or deleted at one instant (ReplicaSet, StatefulSet, DaemonSet, Job ...). */
    private void replicaSetPods(List<JsonNode> g, double t, boolean create) {
        List<String> names = new ArrayList<>();
        for (JsonNode x : g) {
            Matcher m = POD_IN_MESSAGE.matcher(x.path("message").asText());
            names.add(m.find() ? m.group(1) : x.path("message").asText());
        }
        if (create) {
            created += g.size();
        }
        String owner = kindOf(g.get(0)) + " " + Words.podName(g.get(0).path("object").asText());
        String namespace = PodHistories.namespaceOf(g.get(0).path("object").asText());
        List<String> detail = new ArrayList<>();
        if (!create) {
            for (String name : names) {
                String why = deletions.reason(namespace, name, t, t);
                if (why != null) {
                    detail.add(name + ": " + why);
                }
            }
        }
        steps.add(new Explanation.Step(t, owner + (create ? " creates " : " deletes ")
                + Words.count(g.size(), "pod") + (create ? " to keep its replicas: " : ": ") + Words.list(names),
                detail, Map.of()));
    }

    /** A Deployment's resize or wait; the pods that became available before it as their own step. */
    private void decision(JsonNode d) {
        double t = d.path("time").asDouble();
        JsonNode f = d.path("facts");
        String deployment = Words.podName(d.path("object").asText());
        String namespace = PodHistories.namespaceOf(d.path("object").asText());
        Map<Double, List<String>> byTime = new java.util.TreeMap<>();
        for (JsonNode p : f.path("becameAvailable")) {
            if (p.path("at").asDouble() < action.path("start").asDouble()) {
                continue;
            }
            byTime.computeIfAbsent(p.path("at").asDouble(), k -> new ArrayList<>()).add(p.path("pod").asText());
        }
        for (Map.Entry<Double, List<String>> e : byTime.entrySet()) {
            List<String> detail = new ArrayList<>();
            for (String pod : e.getValue()) {
                PodHistories.History h = pods.of(namespace + "/" + pod);
                if (h.created != null) {
                    createdTimed++;
                    createdToAvailable += e.getKey() - h.created;
                    detail.add(pod + ": created " + ExplainTime.format(h.created) + (h.node == null ? "" : " on " + h.node)
                            + ", available " + Words.seconds(e.getKey() - h.created) + " later");
                }
            }
            steps.add(new Explanation.Step(e.getKey(), Words.count(e.getValue().size(), "pod") + " of " + deployment
                    + " became available: " + Words.list(e.getValue()), detail, Map.of()));
        }
        Map<String, Object> facts = MAPPER.convertValue(f, LinkedHashMap.class);
        String message = d.path("message").asText();
        steps.add(new Explanation.Step(t, "Deployment " + deployment + ": " + message, List.of(), facts));
    }

    /**
     * The taint-eviction controller's TaintEvictionScheduled decisions of the window, one step per
     * instant: which pods it will delete, when, and the toleration that sets the wait. Deletions
     * due after the window are kept for the conclusion (their replacements come only then).
     */
    private void taintEvictionsScheduled(double start, double end) {
        Map<Double, List<JsonNode>> byTime = new java.util.TreeMap<>();
        for (JsonNode d : run.decisions()) {
            double t = d.path("time").asDouble();
            if (t >= start && t <= end && d.path("kind").asText().equals("TaintEvictionScheduled")) {
                byTime.computeIfAbsent(t, k -> new ArrayList<>()).add(d);
            }
        }
        for (Map.Entry<Double, List<JsonNode>> e : byTime.entrySet()) {
            Map<String, List<String>> byWhen = new LinkedHashMap<>();
            for (JsonNode d : e.getValue()) {
                JsonNode f = d.path("facts");
                String taints = String.join(", ", MAPPER.convertValue(f.path("taints"), String[].class));
                String when = f.path("tolerationSeconds").isNull()
                        ? "now (it does not tolerate " + taints + ")"
                        : "at " + ExplainTime.format(f.path("evictAt").asDouble()) + " (it tolerates " + taints
                                + " for tolerationSeconds " + Words.number(f.path("tolerationSeconds").asDouble()) + ")";
                String pod = Words.podName(d.path("object").asText());
                byWhen.computeIfAbsent(when, k -> new ArrayList<>()).add(pod);
                double evictAt = f.path("evictAt").asDouble();
                if (evictAt > end) {
                    evictionsPending.computeIfAbsent(evictAt, k -> new ArrayList<>()).add(pod);
                    pendingToleration = "tolerationSeconds " + Words.number(f.path("tolerationSeconds").asDouble())
                            + " for " + taints;
                }
            }
            for (Map.Entry<String, List<String>> w : byWhen.entrySet()) {
                steps.add(new Explanation.Step(e.getKey(), "the taint-eviction controller will delete "
                        + Words.count(w.getValue().size(), "pod") + " " + w.getKey() + ": " + Words.list(w.getValue())));
            }
        }
    }

    /** The action in words: {@code drain of node-2}, {@code failure of pool-a-3}. */
    private String noun() {
        String target = action.path("target").asText();
        return switch (action.path("kind").asText()) {
            case "rollout" -> "rollout of " + target;
            case "scale" -> "scaling of " + target;
            case "drain" -> "drain of " + target;
            case "upgrade" -> "upgrade of node pool " + target;
            case "failNodes" -> "failure of " + target;
            case "failZone" -> "failure of zone " + target;
            case "failBusiestNode" -> target.contains("/") ? "failure of the node running the most pods of " + target
                    : "failure of the busiest node" + (target.isEmpty() ? "" : " of " + target);
            case "failBusiestZone" -> "failure of the busiest zone";
            case "recoverNodes" -> "recovery of " + target;
            case "addNodes" -> "addition of nodes to " + target;
            case "removeNodes" -> "removal of " + target;
            case "cordon" -> "cordon of " + target;
            case "uncordon" -> "uncordon of " + target;
            default -> action.path("kind").asText() + " " + target;
        };
    }

    private List<String> conclusions(Window span) {
        List<String> out = new ArrayList<>();
        if (span.settled()) {
            out.add("The " + noun() + " took " + Words.seconds(span.end() - span.start()) + " until the cluster settled ("
                    + span.span() + ").");
        } else {
            out.add("The " + noun() + " had not settled when the run ended at " + ExplainTime.format(span.end()) + ", "
                    + Words.seconds(span.end() - span.start()) + " after it began.");
        }
        String evicted = evictions.conclusion();
        if (evicted != null) {
            out.add(evicted);
        }
        if (taintEvictions > 0 && notReadyAt != null) {
            double waited = taintEvictionAt - notReadyAt;
            out.add("The taint-eviction controller deleted " + Words.count(taintEvictions, "pod") + " of the failed node "
                    + Words.seconds(waited) + " after it went NotReady (" + ExplainTime.format(notReadyAt) + " to "
                    + ExplainTime.format(taintEvictionAt) + ")" + (Math.abs(waited - 300) < 0.05
                    ? ": 300 s is the tolerationSeconds the DefaultTolerationSeconds admission plugin gives a pod that "
                    + "sets none for not-ready and unreachable nodes"
                    : "") + "; until then their replacements did not exist.");
        }
        if (!evictionsPending.isEmpty()) {
            List<String> pods = new ArrayList<>();
            evictionsPending.values().forEach(pods::addAll);
            double first = evictionsPending.keySet().iterator().next();
            out.add("The taint-eviction controller would delete " + Words.list(pods) + " only at "
                    + ExplainTime.format(first) + ", after the run ended (" + pendingToleration + "): until a pod"
                    + " on the failed node is deleted, its controller does not replace it. A shorter tolerationSeconds"
                    + " for node.kubernetes.io/unreachable and not-ready in the pod spec brings the replacements sooner.");
        }
        if (created > 0) {
            String s = Words.count(created, "pod") + " created by their controllers";
            if (createdTimed > 0) {
                s += "; they took " + Words.seconds(createdToAvailable / createdTimed)
                        + " on average from creation to available";
            }
            out.add(s + ".");
        }
        out.add(ActionCost.sentence(action, index));
        return out;
    }
}
