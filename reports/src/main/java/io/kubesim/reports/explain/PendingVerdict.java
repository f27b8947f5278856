package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conclusion for a pod still Pending: how long, the scheduler's last FailedScheduling message
 * split into its filter part and its preemption part (k8s-semantics.md 3.7), and what would let
 * it schedule, said only where the run's records allow it: for nodes NodeResourcesFit rejected,
 * the largest requests that would fit one of them and the free room a new node would need; for
 * other plugins, the change that would make those nodes candidates.
 */
final class PendingVerdict {
    private PendingVerdict() {
    }

    /**
     * @param last     the pod's last failed attempt (null when it was never tried)
     * @param since    when the pod was created (or first seen)
     * @param now      the time the verdict is about
     * @param attempts how many attempts failed
     */
    static List<String> conclude(JsonNode last, double since, double now, int attempts) {
        List<String> out = new ArrayList<>();
        out.add("Pending at " + ExplainTime.format(now) + ", for " + Quantities.duration(now - since)
                + " since " + ExplainTime.format(since) + " (" + attempts + " failed scheduling attempt"
                + (attempts == 1 ? "" : "s") + ")");
        if (last == null) {
            out.add("The scheduler had not tried it yet.");
            return out;
        }
        String message = last.path("message").asText();
        out.add("Why: " + SchedulingAttempt.fitPart(message));
        String nominated = last.path("nominatedNode").asText();
        if (!nominated.isEmpty()) {
            List<String> victims = new ArrayList<>();
            for (JsonNode v : last.path("victims")) {
                victims.add(v.asText());
            }
            out.add("Preemption: nominated node " + nominated + (victims.isEmpty() ? "" : ", evicting "
                    + String.join(", ", victims)) + "; the pod schedules there once they have terminated.");
        } else {
            String pf = SchedulingAttempt.preemptionPart(message);
            out.add("Preemption: " + (pf.isEmpty() ? "none recorded" : pf.substring("preemption: ".length())));
        }
        out.addAll(remedies(last));
        return out;
    }

    /** What would let the pod schedule, per rejecting plugin, from the last attempt's records. */
    static List<String> remedies(JsonNode last) {
        Map<String, List<String>> byPlugin = new TreeMap<>();
        Map<String, String> reasonOf = new TreeMap<>();
        for (JsonNode f : last.path("filtered")) {
            byPlugin.computeIfAbsent(f.path("plugin").asText(), k -> new ArrayList<>()).add(f.path("node").asText());
            List<String> reasons = new ArrayList<>();
            for (JsonNode r : f.path("reasons")) {
                reasons.add(r.asText());
            }
            reasonOf.putIfAbsent(f.path("plugin").asText(), String.join(", ", reasons));
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byPlugin.entrySet()) {
            String remedy = switch (e.getKey()) {
                case "NodeResourcesFit" -> fitRemedy(last);
                case "TaintToleration" -> "a toleration for the node's NoSchedule/NoExecute taint";
                case "NodeAffinity" -> "a node selector or required node affinity that the node matches";
                case "NodeUnschedulable" -> "uncordoning the node";
                case "PodTopologySpread" -> "a larger maxSkew, whenUnsatisfiable: ScheduleAnyway, or pods spread "
                        + "differently across the topology";
                case "InterPodAffinity" -> "(anti-)affinity rules that the pods already there satisfy";
                case "NodePorts" -> "a host port no pod there already uses";
                default -> null;
            };
            if (remedy != null) {
                out.add("  on " + nodes(e.getValue()) + " (" + e.getKey() + ": " + reasonOf.get(e.getKey()) + "): "
                        + remedy);
            }
        }
        if (!out.isEmpty()) {
            out.add(0, "What would let it schedule (each change alone, for the nodes named):");
        }
        return out;
    }

    /**
     * For nodes short of cpu or memory: the largest requests that would fit one of them (the
     * node with the most room, ties by the record's order), and a new node's free room.
     */
    private static String fitRemedy(JsonNode last) {
        long reqCpu = last.path("request").path("cpuMillis").asLong();
        long reqMem = last.path("request").path("memoryBytes").asLong();
        List<String> out = new ArrayList<>();
        if (last.path("room").isEmpty()) {
            return null;
        }
        Map<String, long[]> fits = new LinkedHashMap<>();
        boolean tooManyPods = false;
        for (JsonNode f : last.path("filtered")) {
            if (f.path("plugin").asText().equals("NodeResourcesFit")) {
                for (JsonNode r : f.path("reasons")) {
                    tooManyPods |= r.asText().equals("Too many pods");
                }
            }
        }
        for (JsonNode r : last.path("room")) {
            long freeCpu = r.path("allocatable").path("cpuMillis").asLong() - r.path("requested").path("cpuMillis").asLong();
            long freeMem = r.path("allocatable").path("memoryBytes").asLong()
                    - r.path("requested").path("memoryBytes").asLong();
            fits.put(r.path("node").asText(), new long[] {Math.min(reqCpu, freeCpu), Math.min(reqMem, freeMem)});
        }
        long[] best = null;
        double bestShare = -1;
        for (long[] f : fits.values()) {
            double share = (reqCpu > 0 ? (double) f[0] / reqCpu : 1) + (reqMem > 0 ? (double) f[1] / reqMem : 1);
            if (share > bestShare) {
                bestShare = share;
                best = f;
            }
        }
        boolean cpuShort = best[0] < reqCpu;
        boolean memShort = best[1] < reqMem;
        boolean reducible = (!cpuShort || best[0] > 0) && (!memShort || best[1] > 0) && (cpuShort || memShort);
        if (reducible) {
            List<String> on = new ArrayList<>();
            for (Map.Entry<String, long[]> e : fits.entrySet()) {
                if (e.getValue()[0] >= best[0] && e.getValue()[1] >= best[1]) {
                    on.add(e.getKey());
                }
            }
            List<String> parts = new ArrayList<>();
            if (cpuShort) {
                parts.add("cpu " + Quantities.cpu(best[0]) + " (now " + Quantities.cpu(reqCpu) + ")");
            }
            if (memShort) {
                parts.add("memory " + Quantities.memory(best[1]) + " (now " + Quantities.memory(reqMem) + ")");
            }
            out.add("requests of at most " + String.join(" and ", parts)
                    + (on.size() < fits.size() ? ", which would fit " + nodes(on) : "")
                    + (tooManyPods ? " (where the pod count allows it)" : ""));
        }
        List<String> room = new ArrayList<>();
        if (reqCpu > 0) {
            room.add(Quantities.cpu(reqCpu) + " cpu");
        }
        if (reqMem > 0) {
            room.add(Quantities.memory(reqMem) + " memory");
        }
        if (!room.isEmpty()) {
            out.add("a node with " + String.join(" and ", room) + " allocatable beyond what its pods request");
        }
        return out.isEmpty() ? null : String.join("; or ", out);
    }

    private static String nodes(List<String> nodes) {
        if (nodes.size() <= 4) {
            return String.join(", ", nodes);
        }
        return String.join(", ", nodes.subList(0, 3)) + " and " + (nodes.size() - 3) + " more nodes";
    }
}
