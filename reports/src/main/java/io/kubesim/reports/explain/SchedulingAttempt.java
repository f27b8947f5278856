package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scheduling attempt (a scheduling.jsonl line) as an explanation step: each rejected node's
 * filter plugin and reasons in upstream's words (k8s-semantics.md 3.4), each feasible node's score
 * per plugin and total, why the chosen node won (the highest total; ties broken uniformly at
 * random, 3.3), and the preemption attempt (3.6).
 */
final class SchedulingAttempt {
    private SchedulingAttempt() {
    }

    /** The FitError part of a FailedScheduling message, without the preemption part (3.7). */
    static String fitPart(String message) {
        int p = message.indexOf(" preemption: ");
        return p < 0 ? message : message.substring(0, p);
    }

    /** The PostFilter (preemption) part of a FailedScheduling message, or "" when it has none. */
    static String preemptionPart(String message) {
        int p = message.indexOf(" preemption: ");
        return p < 0 ? "" : message.substring(p + 1);
    }

    /** A signature of what an attempt found: equal for attempts that failed the same way. */
    static String signature(JsonNode s) {
        return s.path("result").asText() + "|" + s.path("message").asText() + "|" + s.path("filtered") + "|"
                + s.path("nominatedNode").asText() + "|" + s.path("victims");
    }

    /** @param nominated the node an earlier attempt's preemption nominated for the pod, or "" */
    static Explanation.Step step(JsonNode s, String nominated) {
        double t = s.path("time").asDouble();
        int attempt = s.path("attempt").asInt();
        boolean scheduled = s.path("result").asText().equals("Scheduled");
        List<String> detail = new ArrayList<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("attempt", attempt);
        facts.put("result", s.path("result").asText());
        facts.put("nodes", s.path("nodes").asInt());
        facts.put("evaluatedNodes", s.path("evaluatedNodes").asInt());
        facts.put("feasibleNodes", s.path("feasibleNodes").asInt());
        String text;
        if (scheduled) {
            String node = s.path("node").asText();
            facts.put("node", node);
            text = "scheduling attempt " + attempt + ": scheduled to " + node + " (" + s.path("feasibleNodes").asInt()
                    + " of " + s.path("nodes").asInt() + " nodes feasible)";
        } else {
            text = "scheduling attempt " + attempt + " failed: " + fitPart(s.path("message").asText());
        }
        if (!scheduled) {
            facts.put("message", s.path("message").asText());
        }
        facts.put("filtered", s.path("filtered"));
        if (scheduled) {
            facts.put("scores", s.path("scores"));
        }
        if (s.has("request")) {
            facts.put("request", s.path("request"));
        }
        filterLines(s, detail, nominated);
        if (scheduled) {
            scoreLines(s, detail);
        } else {
            preemptionLines(s, detail, facts);
        }
        return new Explanation.Step(t, text, detail, facts);
    }

    private static void filterLines(JsonNode s, List<String> detail, String nominated) {
        Map<String, JsonNode> room = new LinkedHashMap<>();
        for (JsonNode r : s.path("room")) {
            room.put(r.path("node").asText(), r);
        }
        int width = 0;
        for (JsonNode f : s.path("filtered")) {
            width = Math.max(width, f.path("node").asText().length());
        }
        for (JsonNode sc : s.path("scores")) {
            width = Math.max(width, sc.path("node").asText().length());
        }
        for (JsonNode f : s.path("filtered")) {
            String node = f.path("node").asText();
            List<String> reasons = new ArrayList<>();
            for (JsonNode r : f.path("reasons")) {
                reasons.add(r.asText());
            }
            StringBuilder line = new StringBuilder(pad(node, width)).append("  ").append(f.path("plugin").asText())
                    .append(": ").append(String.join(", ", reasons)).append(" (").append(code(f.path("code").asText()));
            JsonNode r = room.get(node);
            if (r != null) {
                line.append(roomText(r, s.path("request"), reasons));
            }
            detail.add(line.append(')').toString());
        }
        if (s.path("filtered").isEmpty() && !s.path("result").asText().equals("Scheduled")) {
            detail.add("no node was filtered: PreFilter rejected the pod for all of them");
        }
        int evaluated = s.path("evaluatedNodes").asInt();
        int nodes = s.path("nodes").asInt();
        if (evaluated == 1 && nodes > 1 && s.path("node").asText().equals(nominated)) {
            detail.add("the nominated node " + nominated + " was evaluated first and alone, and it passed");
        } else if (evaluated < nodes) {
            detail.add("Filter stopped after " + evaluated + " of " + nodes + " nodes: enough feasible nodes were found "
                    + "(percentageOfNodesToScore)");
        }
    }

    /** "; cpu: 2 allocatable, 1500m requested by its pods, 500m free, the pod requests 3". */
    private static String roomText(JsonNode r, JsonNode request, List<String> reasons) {
        StringBuilder sb = new StringBuilder();
        if (reasons.contains("Insufficient cpu")) {
            long alloc = r.path("allocatable").path("cpuMillis").asLong();
            long used = r.path("requested").path("cpuMillis").asLong();
            sb.append("; cpu: ").append(Quantities.cpu(alloc)).append(" allocatable, ").append(Quantities.cpu(used))
                    .append(" requested by its pods, ").append(Quantities.cpu(Math.max(0, alloc - used)))
                    .append(" free, the pod requests ").append(Quantities.cpu(request.path("cpuMillis").asLong()));
        }
        if (reasons.contains("Insufficient memory")) {
            long alloc = r.path("allocatable").path("memoryBytes").asLong();
            long used = r.path("requested").path("memoryBytes").asLong();
            sb.append("; memory: ").append(Quantities.memory(alloc)).append(" allocatable, ")
                    .append(Quantities.memory(used)).append(" requested by its pods, ")
                    .append(Quantities.memory(Math.max(0, alloc - used))).append(" free, the pod requests ")
                    .append(Quantities.memory(request.path("memoryBytes").asLong()));
        }
        return sb.toString();
    }

    private static void scoreLines(JsonNode s, List<String> detail) {
        String chosen = s.path("node").asText();
        JsonNode scores = s.path("scores");
        if (scores.isEmpty()) {
            detail.add(chosen + " was the only feasible node: chosen without scoring");
            return;
        }
        int width = 0;
        for (JsonNode f : s.path("filtered")) {
            width = Math.max(width, f.path("node").asText().length());
        }
        for (JsonNode sc : scores) {
            width = Math.max(width, sc.path("node").asText().length());
        }
        long best = Long.MIN_VALUE;
        for (JsonNode sc : scores) {
            best = Math.max(best, sc.path("total").asLong());
        }
        List<String> tied = new ArrayList<>();
        for (JsonNode sc : scores) {
            List<String> parts = new ArrayList<>();
            var it = sc.path("plugins").fields();
            while (it.hasNext()) {
                var p = it.next();
                JsonNode v = p.getValue();
                parts.add(p.getKey() + " " + v.path("weighted").asLong() + " (raw " + v.path("raw").asLong()
                        + ", normalized " + v.path("normalized").asLong() + ")");
            }
            detail.add(pad(sc.path("node").asText(), width) + "  total " + sc.path("total").asLong() + " = "
                    + String.join(" + ", parts));
            if (sc.path("total").asLong() == best) {
                tied.add(sc.path("node").asText());
            }
        }
        if (tied.size() == 1) {
            detail.add(chosen + " won with the highest total, " + best);
        } else {
            detail.add(String.join(", ", tied) + " tied at " + best + "; the scheduler picked " + chosen
                    + " uniformly at random among them");
        }
    }

    private static void preemptionLines(JsonNode s, List<String> detail, Map<String, Object> facts) {
        String nominated = s.path("nominatedNode").asText();
        if (!nominated.isEmpty()) {
            List<String> victims = new ArrayList<>();
            for (JsonNode v : s.path("victims")) {
                victims.add(v.asText());
            }
            facts.put("nominatedNode", nominated);
            facts.put("victims", victims);
            detail.add("preemption: nominated node " + nominated + "; " + (victims.isEmpty() ? "no victims"
                    : (victims.size() == 1 ? "victim " : "victims ") + String.join(", ", victims)
                    + (victims.size() == 1 ? " is" : " are") + " deleted gracefully")
                    + "; the pod is not bound in this attempt and waits for them to go");
            return;
        }
        String pf = preemptionPart(s.path("message").asText());
        if (!pf.isEmpty()) {
            detail.add(pf);
        }
    }

    /** UNSCHEDULABLE_AND_UNRESOLVABLE → UnschedulableAndUnresolvable, as upstream names the status codes. */
    static String code(String code) {
        StringBuilder sb = new StringBuilder();
        for (String part : code.toLowerCase(java.util.Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
