package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Deployment rollout step by step, from the deployment controller's {@code RolloutStep} and
 * {@code RolloutWaiting} decisions in the action's window: each ReplicaSet resize with the bound
 * that allowed it and the pods it created or deleted, each wait with the bound that held it, the
 * new pods becoming available (what let the next step happen), and the completion. The
 * conclusions give the rollout's length, its pace (how long a new pod took to become available,
 * split into image pull and start-to-available) and its cost from summary.json.
 */
final class RolloutWalk {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The deployment controller's decision kinds a rollout is told from. */
    static final Set<String> KINDS = Set.of("RolloutStep", "RolloutWaiting", "RolloutComplete");
    /** Create and delete events belong to a step when they follow it within this many seconds. */
    private static final double STEP_EVENTS_SECONDS = 5;

    private final RunRecord run;
    private final JsonNode action;
    private final int index;
    private final String deployment;
    private final PodHistories pods;
    private final DeletionChoices deletions;
    /** (time, order) of each step, so that steps at equal times keep the order they were made in. */
    private final List<Ordered> steps = new ArrayList<>();
    private final Set<Integer> claimedEvents = new HashSet<>();

    private record Ordered(double time, int order, Explanation.Step step) {
    }

    private RolloutWalk(RunRecord run, JsonNode action, int index) {
        this.run = run;
        this.action = action;
        this.index = index;
        this.deployment = action.path("target").asText();
        this.pods = PodHistories.of(run);
        this.deletions = new DeletionChoices(run);
    }

    /** The rollout's explanation, or null when the run has no rollout decisions for it (then the window's events tell it). */
    static Explanation explain(RunRecord run, JsonNode action, int index) {
        return new RolloutWalk(run, action, index).walk();
    }

    static boolean isDeploymentObject(String object, String target) {
        if (!object.startsWith("Deployment/")) {
            return false;
        }
        return target.contains("/") ? object.equals("Deployment/" + target) : object.endsWith("/" + target)
                && object.indexOf('/', "Deployment/".length()) == object.lastIndexOf('/');
    }

    private Explanation walk() {
        Window window = Window.of(run, action);
        double start = window.start();
        double end = window.end();
        List<JsonNode> decisions = new ArrayList<>();
        for (JsonNode d : run.decisions()) {
            double t = d.path("time").asDouble();
            String kind = d.path("kind").asText();
            if (t >= start && t <= end && KINDS.contains(kind)
                    && isDeploymentObject(d.path("object").asText(), deployment)) {
                decisions.add(d);
            }
        }
        if (decisions.isEmpty() || !decisions.get(0).path("kind").asText().equals("RolloutStep")) {
            return null;
        }
        String namespace = PodHistories.namespaceOf(decisions.get(0).path("object").asText());
        JsonNode first = decisions.get(0).path("facts");
        String newRs = newReplicaSet(decisions);
        add(start, new Explanation.Step(start, "rollout of " + deployment + " starts: ReplicaSet " + newRs
                + " takes the new template; " + bounds(first), List.of(), Map.of()));

        Stats stats = new Stats();
        JsonNode complete = null;
        for (JsonNode d : decisions) {
            double t = d.path("time").asDouble();
            JsonNode f = d.path("facts");
            addBecameAvailable(namespace, f.path("becameAvailable"), start, stats);
            Map<String, Object> facts = MAPPER.convertValue(f, LinkedHashMap.class);
            if (d.path("kind").asText().equals("RolloutComplete")) {
                complete = d;
                break;
            } else if (d.path("kind").asText().equals("RolloutStep")) {
                String rs = f.path("replicaSet").asText();
                int from = f.path("from").asInt();
                int to = f.path("to").asInt();
                stats.step(f, rs, from, to);
                List<String> detail = stepPods(namespace, rs, t, Math.abs(to - from), to > from);
                add(t, new Explanation.Step(t, "step " + f.path("step").asInt() + ": " + d.path("message").asText(),
                        detail, facts));
            } else {
                stats.wait(f);
                add(t, new Explanation.Step(t, d.path("message").asText(), List.of(), facts));
            }
        }
        List<String> conclusions = new ArrayList<>();
        JsonNode rollout = rolloutRecord(start);
        if (complete != null || rollout != null && rollout.path("completed").asBoolean()) {
            double at = complete != null ? complete.path("time").asDouble() : rollout.path("end").asDouble();
            double seconds = Math.round((at - start) * 1e6) / 1e6;
            add(at, new Explanation.Step(at, "rollout complete: all " + first.path("replicas").asInt()
                    + " replicas are in ReplicaSet " + newRs + " and available", List.of(),
                    Map.of("seconds", seconds)));
            if (rollout == null) {
                rollout = MAPPER.createObjectNode().put("seconds", seconds);
            }
            conclusions.add("The rollout took " + Words.seconds(rollout.path("seconds").asDouble()) + " ("
                    + ExplainTime.format(start) + " to " + ExplainTime.format(at) + ") in " + stats.summary(newRs) + ".");
        } else {
            String why = rollout != null && rollout.path("progressDeadlineExceeded").asBoolean()
                    ? "exceeded its progress deadline" : "had not completed";
            conclusions.add("The rollout " + why + " by " + ExplainTime.format(end) + (window.settled()
                    ? " (the end of the window)" : " (the end of the run)") + ", after " + stats.summary(newRs) + ".");
        }
        conclusions.add(boundsConclusion(first));
        if (stats.waits > 0) {
            conclusions.add(stats.waitsConclusion());
        }
        String pace = stats.pace();
        if (pace != null) {
            conclusions.add(pace);
        }
        conclusions.add(ActionCost.sentence(action, index));
        steps.sort(Comparator.comparingDouble(Ordered::time).thenComparingInt(Ordered::order));
        List<Explanation.Step> out = new ArrayList<>();
        for (Ordered o : steps) {
            out.add(o.step());
        }
        return new Explanation("rollout of " + deployment + " (timeline action " + (index + 1) + ", "
                + window.span() + ")", out, conclusions);
    }

    private void add(double time, Explanation.Step step) {
        steps.add(new Ordered(time, steps.size(), step));
    }

    /** {@code RollingUpdate: at most 13 pods (10 replicas + maxSurge 25% = 3), at least 8 available (10 - maxUnavailable 25% = 2)}. */
    private static String bounds(JsonNode f) {
        if (f.path("strategy").asText().equals("Recreate")) {
            return "Recreate: every old pod stops before the new ones start";
        }
        int replicas = f.path("replicas").asInt();
        return "RollingUpdate: at most " + f.path("maxTotalPods").asInt() + " pods (" + replicas + " replicas + "
                + bound("maxSurge", f) + "), at least " + f.path("minAvailable").asInt() + " available (" + replicas
                + " - " + bound("maxUnavailable", f) + ")";
    }

    private static String bound(String name, JsonNode f) {
        String spec = f.path(name + "Spec").asText(null);
        int value = f.path(name).asInt();
        return spec == null || spec.equals(Integer.toString(value)) ? name + " " + value
                : name + " " + spec + " = " + value;
    }

    private String boundsConclusion(JsonNode first) {
        JsonNode w = action.path("workloads").path("Deployment/" + deployment);
        String observed = w.isMissingNode() ? "" : "; the fewest available in the window was "
                + w.path("minAvailable").asInt();
        if (first.path("strategy").asText().equals("Recreate")) {
            return "Recreate has no bounds to keep: all old pods stop before any new one starts" + observed + ".";
        }
        return "Its bounds: " + bounds(first).substring("RollingUpdate: ".length()) + observed + ".";
    }

    /** The pods a step created (scale up) or deleted (scale down): the ReplicaSet controller's next events for that ReplicaSet. */
    private List<String> stepPods(String namespace, String rs, double t, int count, boolean up) {
        String object = "ReplicaSet/" + namespace + "/" + rs;
        String reason = up ? "SuccessfulCreate" : "SuccessfulDelete";
        String prefix = up ? "Created pod: " : "Deleted pod: ";
        List<String> names = new ArrayList<>();
        List<JsonNode> events = run.events();
        for (int i = firstAtOrAfter(events, t); i < events.size() && names.size() < count; i++) {
            JsonNode e = events.get(i);
            double et = e.path("time").asDouble();
            if (et < t || claimedEvents.contains(i)) {
                continue;
            }
            if (et > t + STEP_EVENTS_SECONDS) {
                break;
            }
            if (e.path("object").asText().equals(object) && e.path("reason").asText().equals(reason)
                    && e.path("message").asText().startsWith(prefix)) {
                claimedEvents.add(i);
                names.add(e.path("message").asText().substring(prefix.length()));
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        if (up) {
            return List.of("created " + Words.list(names));
        }
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            String why = deletions.reason(namespace, name, t, t + STEP_EVENTS_SECONDS);
            lines.add("deleted " + name + (why == null ? "" : ": " + why));
        }
        return lines;
    }

    /** The index of the first event at or after {@code t} (events.jsonl is in time order). */
    private static int firstAtOrAfter(List<JsonNode> events, double t) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).path("time").asDouble() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The rollout's new ReplicaSet: the one its first step grew, else the one the facts name. */
    private static String newReplicaSet(List<JsonNode> decisions) {
        for (JsonNode d : decisions) {
            JsonNode f = d.path("facts");
            if (d.path("kind").asText().equals("RolloutStep") && f.path("role").asText().equals("new")) {
                return f.path("replicaSet").asText();
            }
        }
        for (JsonNode d : decisions) {
            if (d.path("facts").has("newReplicaSet")) {
                return d.path("facts").path("newReplicaSet").asText();
            }
        }
        return "?";
    }

    /** One step per instant at which new pods became available (from the window's start), each pod's start timing beneath. */
    private void addBecameAvailable(String namespace, JsonNode became, double start, Stats stats) {
        TreeMap<Double, List<String>> byTime = new TreeMap<>();
        for (JsonNode p : became) {
            if (p.path("at").asDouble() < start) {
                continue;
            }
            byTime.computeIfAbsent(p.path("at").asDouble(), k -> new ArrayList<>()).add(p.path("pod").asText());
        }
        for (Map.Entry<Double, List<String>> e : byTime.entrySet()) {
            double at = e.getKey();
            List<String> detail = new ArrayList<>();
            for (String pod : e.getValue()) {
                PodHistories.History h = pods.of(namespace + "/" + pod);
                stats.available(h, at);
                detail.add(pod + ": " + timing(h, at));
            }
            add(at, new Explanation.Step(at, Words.count(e.getValue().size(), "new pod") + " became available",
                    detail, Map.of("pods", e.getValue())));
        }
    }

    /** {@code created 2:00.0 on node-2, image pulled in 6.8 s, started 2:08.1, available 15.1 s after creation}. */
    private static String timing(PodHistories.History h, double at) {
        List<String> parts = new ArrayList<>();
        if (h.created != null) {
            parts.add("created " + ExplainTime.format(h.created) + (h.node == null ? "" : " on " + h.node));
        }
        if (h.pullSeconds != null) {
            parts.add(h.pullSeconds == 0 ? "image already on the node" : "image pulled in " + Words.seconds(h.pullSeconds));
        }
        if (h.started != null) {
            parts.add("started " + ExplainTime.format(h.started));
        }
        if (h.created != null) {
            parts.add("available " + Words.seconds(at - h.created) + " after creation");
        }
        return String.join(", ", parts);
    }

    private JsonNode rolloutRecord(double start) {
        for (JsonNode r : run.summary().path("deployments").path(deployment).path("rollouts")) {
            if (Math.abs(r.path("start").asDouble() - start) < 1e-6) {
                return r;
            }
        }
        return null;
    }

    /** What the walk counts on its way, for the conclusions. */
    private static final class Stats {
        int steps;
        int newSteps;
        int newGrown;
        int oldSteps;
        int oldShrunk;
        final Set<String> oldReplicaSets = new java.util.TreeSet<>();
        int waits;
        final TreeMap<String, Integer> heldBy = new TreeMap<>();
        int timed;
        double toAvailable;
        double minToAvailable = Double.MAX_VALUE;
        double maxToAvailable;
        int pulled;
        int cached;
        double pull;
        int started;
        double startToAvailable;

        void step(JsonNode f, String rs, int from, int to) {
            steps++;
            if (f.path("role").asText().equals("new")) {
                newSteps++;
                newGrown += to - from;
            } else {
                oldSteps++;
                oldShrunk += from - to;
                oldReplicaSets.add(rs);
            }
        }

        void wait(JsonNode f) {
            waits++;
            List<String> bounds = new ArrayList<>();
            for (JsonNode b : f.path("heldBy")) {
                bounds.add(b.asText());
            }
            String key = bounds.isEmpty() ? "only the new pods' availability"
                    : bounds.equals(List.of("recreate")) ? "old pods still running (Recreate)" : String.join(" and ", bounds);
            heldBy.merge(key, 1, Integer::sum);
        }

        void available(PodHistories.History h, double at) {
            if (h.created == null) {
                return;
            }
            timed++;
            double d = at - h.created;
            toAvailable += d;
            minToAvailable = Math.min(minToAvailable, d);
            maxToAvailable = Math.max(maxToAvailable, d);
            if (h.pullSeconds != null && h.pullSeconds > 0) {
                pulled++;
                pull += h.pullSeconds;
            } else if (h.pullSeconds != null) {
                cached++;
            }
            if (h.started != null) {
                started++;
                startToAvailable += at - h.started;
            }
        }

        String summary(String newRs) {
            String s = Words.count(steps, "step") + ": the new ReplicaSet " + newRs + " grew by " + newGrown
                    + " in " + Words.count(newSteps, "step");
            if (oldSteps > 0) {
                s += ", the old " + (oldReplicaSets.size() == 1 ? "one (" : "ones (")
                        + String.join(", ", oldReplicaSets) + ") shrank by " + oldShrunk + " in "
                        + Words.count(oldSteps, "step");
            }
            return s;
        }

        String waitsConclusion() {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Integer> e : heldBy.entrySet()) {
                parts.add(e.getKey() + " " + (e.getValue() == 1 ? "once" : e.getValue() + " times"));
            }
            return "Between steps it waited " + (waits == 1 ? "once" : waits + " times") + "; what held it: "
                    + String.join(", ", parts) + ".";
        }

        String pace() {
            if (timed == 0) {
                return null;
            }
            String s = "The pace: a new pod took "
                    + Words.seconds(toAvailable / timed) + " on average from creation to available";
            if (timed > 1 && !Words.seconds(minToAvailable).equals(Words.seconds(maxToAvailable))) {
                s += " (" + Words.seconds(minToAvailable) + " to " + Words.seconds(maxToAvailable) + ")";
            }
            List<String> parts = new ArrayList<>();
            if (pulled > 0) {
                parts.add(Words.seconds(pull / pulled) + " pulling its image"
                        + (cached == 0 ? "" : " (" + Words.count(cached, "pod") + " found it already on the node)"));
            }
            if (started > 0) {
                parts.add(Words.seconds(startToAvailable / started)
                        + " from container start to available (start-up, readiness probe, minReadySeconds)");
            }
            return s + (parts.isEmpty() ? "" : ": " + String.join(", then ", parts)) + ".";
        }
    }
}
