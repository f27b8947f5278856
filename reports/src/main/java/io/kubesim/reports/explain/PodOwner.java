package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the pod's owner did to it: who created it and why, and who deleted it and why.
 * Creation: the owner's {@code SuccessfulCreate} event, then the owner's reason
 * to want one more pod, as the run recorded it. A pod created after a sibling of the same owner
 * ended (preempted, evicted, killed, failed) replaces it; otherwise the latest scaling of the owner
 * before the creation (a {@code RolloutStep} decision, or a {@code ScalingReplicaSet} event) is
 * named. Deletion: the owner's {@code SuccessfulDelete} event with the owner's latest scale-down
 * before it. Nothing is guessed: when the run holds no reason, only the owner is named.
 */
final class PodOwner {
    /** Event reasons that end a pod its owner then replaces (k8s-semantics.md 2.8: the ReplicaSet keeps its count). */
    private static final Set<String> ENDINGS = Set.of("Preempted", "Evicted", "TaintManagerEviction", "Killing");

    private PodOwner() {
    }

    /** The owner's SuccessfulCreate or SuccessfulDelete event about the pod, explained. */
    static Explanation.Step step(RunRecord run, PodRecords.Item item, String podName) {
        return item.reason().equals("SuccessfulDelete") ? deleted(run, item) : created(run, item, podName);
    }

    private static Explanation.Step deleted(RunRecord run, PodRecords.Item deleted) {
        String owner = deleted.node().path("object").asText();
        double t = deleted.time();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("event", "SuccessfulDelete");
        facts.put("owner", owner);
        String ownerName = owner.substring(owner.lastIndexOf('/') + 1);
        String why = scaling(run, owner, t, false, facts);
        String text = "deleted by " + owner.replaceFirst("/[^/]*/", " ") + (why == null ? "" : ", " + why);
        return new Explanation.Step(t, text, List.of(deleted.message()), facts);
    }

    private static Explanation.Step created(RunRecord run, PodRecords.Item created, String podName) {
        String owner = created.node().path("object").asText();
        double t = created.time();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("event", "SuccessfulCreate");
        facts.put("owner", owner);
        String why = replacement(run, owner, podName, t, facts);
        if (why == null) {
            why = scaling(run, owner, t, true, facts);
        }
        String text = "created by " + owner.replaceFirst("/[^/]*/", " ") + (why == null ? "" : ", " + why);
        return new Explanation.Step(t, text, List.of(created.message()), facts);
    }

    /**
     * "to replace pods that ended: X (preempted at 2:00.0), ..." when siblings of the same owner
     * ended (and were not deleted by the owner itself) since the owner last created a pod and
     * since it last scaled.
     */
    private static String replacement(RunRecord run, String owner, String podName, double t, Map<String, Object> facts) {
        Set<String> siblings = new TreeSet<>();
        Set<String> deletedByOwner = new TreeSet<>();
        double since = -1;
        String ownerName = owner.substring(owner.lastIndexOf('/') + 1);
        String namespace = owner.split("/", 3)[1];
        for (JsonNode e : run.events()) {
            double et = e.path("time").asDouble();
            if (et > t) {
                break;
            }
            String o = e.path("object").asText();
            String reason = e.path("reason").asText();
            String msg = e.path("message").asText();
            if (o.equals(owner) && reason.equals("SuccessfulCreate") && msg.startsWith("Created pod: ")) {
                siblings.add(msg.substring("Created pod: ".length()));
                if (et < t) {
                    since = Math.max(since, et);
                }
            } else if (o.equals(owner) && reason.equals("SuccessfulDelete") && msg.startsWith("Deleted pod: ")) {
                deletedByOwner.add(msg.substring("Deleted pod: ".length()));
            } else if (reason.equals("ScalingReplicaSet") && msg.contains("replica set " + ownerName + " ")) {
                since = Math.max(since, et);
            }
        }
        Map<String, String> ended = new LinkedHashMap<>();
        for (JsonNode e : run.events()) {
            double et = e.path("time").asDouble();
            if (et > t) {
                break;
            }
            String o = e.path("object").asText();
            String reason = e.path("reason").asText();
            if (et <= since || !o.startsWith("Pod/" + namespace + "/") || !ENDINGS.contains(reason)
                    || reason.equals("Killing") && !e.path("message").asText().startsWith("Stopping container")) {
                continue;
            }
            String name = o.substring(o.lastIndexOf('/') + 1);
            if (!name.equals(podName) && siblings.contains(name) && !deletedByOwner.contains(name)) {
                String verb = switch (reason) {
                    case "Preempted" -> "preempted";
                    case "Evicted", "TaintManagerEviction" -> "evicted";
                    default -> "stopped";
                };
                ended.putIfAbsent(name, name + " (" + verb + " at " + ExplainTime.format(et) + ")");
            }
        }
        if (ended.isEmpty()) {
            return null;
        }
        facts.put("replaces", List.copyOf(ended.keySet()));
        List<String> parts = List.copyOf(ended.values());
        String list = parts.size() <= 4 ? String.join(", ", parts)
                : String.join(", ", parts.subList(0, 3)) + " and " + (parts.size() - 3) + " more";
        return "to replace " + (parts.size() == 1 ? "a pod that ended: " : "pods that ended: ") + list;
    }

    /**
     * The owner's latest scaling in one direction at or before {@code t}: the deployment
     * controller's {@code RolloutStep} decision (which says why), or its {@code ScalingReplicaSet}
     * event, whichever is later; a decision wins a tie. Null when the run has neither.
     */
    private static String scaling(RunRecord run, String owner, double t, boolean up, Map<String, Object> facts) {
        String ownerName = owner.substring(owner.lastIndexOf('/') + 1);
        JsonNode step = null;
        for (JsonNode d : run.decisions()) {
            if (d.path("time").asDouble() > t) {
                break;
            }
            JsonNode f = d.path("facts");
            String rs = f.path("replicaSet").asText();
            long from = f.path("from").asLong();
            long to = f.path("to").asLong();
            if (d.path("kind").asText().equals("RolloutStep") && (rs.equals(ownerName) || rs.endsWith("/" + ownerName))
                    && (up ? to > from : to < from)) {
                step = d;
            }
        }
        JsonNode scaled = null;
        String prefix = (up ? "Scaled up replica set " : "Scaled down replica set ") + ownerName + " ";
        for (JsonNode e : run.events()) {
            if (e.path("time").asDouble() > t) {
                break;
            }
            if (e.path("reason").asText().equals("ScalingReplicaSet") && e.path("message").asText().startsWith(prefix)) {
                scaled = e;
            }
        }
        if (step != null && (scaled == null || step.path("time").asDouble() >= scaled.path("time").asDouble())) {
            facts.put("rolloutStep", step.path("facts").path("step").asInt());
            return "in step " + step.path("facts").path("step").asInt() + " of the rollout of "
                    + step.path("object").asText().replaceFirst("/[^/]*/", " ") + " (" + step.path("message").asText() + ")";
        }
        if (scaled == null) {
            return null;
        }
        facts.put("scaledBy", scaled.path("object").asText());
        return "after " + scaled.path("object").asText().replaceFirst("/[^/]*/", " ") + " "
                + lowerFirst(scaled.path("message").asText()) + " at " + ExplainTime.format(scaled.path("time").asDouble());
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
