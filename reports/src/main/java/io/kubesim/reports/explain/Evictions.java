package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The evictions of an action's window as kubectl drain asks for them: each request's verdict
 * (allowed, or refused by a PodDisruptionBudget: an {@code EvictionBlocked} event at the same
 * instant), the refusals a pod met before its eviction went through, and when the evicted pods
 * stopped. Lookups by pod only; nothing here is iterated into an output unordered.
 */
final class Evictions {
    private static final String PDB_PREFIX = "Cannot evict pod as it would violate the pod's disruption budget. ";

    private final Set<String> evicted = new HashSet<>();
    private final Map<String, Integer> refusals = new HashMap<>();
    private final Map<String, Double> firstRefusal = new HashMap<>();
    private final TreeSet<Double> stopTimes = new TreeSet<>();
    private int requested;
    private int refusedFirst;
    private int maxRefusals;
    private double longestBlocked;

    /**
     * kubectl's requests at one instant ({@code requests}: Evicting events), judged by the
     * EvictionBlocked events among {@code sameInstant}: one sentence.
     */
    String requests(List<JsonNode> requests, List<JsonNode> sameInstant) {
        List<String> allowed = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        String verdict = null;
        for (JsonNode x : requests) {
            String pod = x.path("object").asText().substring(4);
            requested++;
            evicted.add(pod);
            String blocked = null;
            for (JsonNode y : sameInstant) {
                if (y.path("reason").asText().equals("EvictionBlocked") && y.path("object").asText().equals("Pod/" + pod)) {
                    blocked = y.path("message").asText();
                    break;
                }
            }
            if (blocked == null) {
                allowed.add(Words.podName(pod));
            } else {
                refused.add(Words.podName(pod));
                int p = blocked.indexOf(PDB_PREFIX);
                verdict = p < 0 ? blocked : blocked.substring(p + PDB_PREFIX.length());
            }
        }
        String text = "kubectl asks to evict " + Words.count(requests.size(), "pod") + ": ";
        if (refused.isEmpty()) {
            return text + (allowed.size() == 1 ? "allowed" : "all allowed");
        }
        return text + (allowed.isEmpty() ? "none" : allowed.size() + " (" + Words.list(allowed) + ")") + " allowed, "
                + refused.size() + " (" + Words.list(refused) + ") refused: " + verdict;
    }

    /** An EvictionBlocked event for {@code pod} (namespace/name) at {@code t}. */
    void refused(String pod, double t) {
        int n = refusals.getOrDefault(pod, 0);
        if (n == 0) {
            firstRefusal.put(pod, t);
            refusedFirst++;
        }
        refusals.put(pod, n + 1);
    }

    /** {@code pod} got SIGTERM at {@code t}: its name with the eviction's story, or null when it was not evicted. */
    String stopped(String pod, double t) {
        String name = Words.podName(pod);
        int n = refusals.getOrDefault(pod, 0);
        if (n > 0) {
            double blocked = t - firstRefusal.get(pod);
            maxRefusals = Math.max(maxRefusals, n);
            longestBlocked = Math.max(longestBlocked, blocked);
            refusals.put(pod, 0);
            stopTimes.add(t);
            return name + " (evicted after " + Words.count(n, "refusal") + ", " + Words.seconds(blocked)
                    + " after the first)";
        }
        if (evicted.contains(pod)) {
            stopTimes.add(t);
            return name + " (evicted)";
        }
        return null;
    }

    /** The conclusion about the window's evictions, or null when there were none. */
    String conclusion() {
        if (requested == 0) {
            return null;
        }
        String s = Words.count(requested, "eviction") + " requested";
        if (refusedFirst == 0) {
            s += ", none refused: no PodDisruptionBudget held any back";
            if (stopTimes.size() == 1 && requested > 1) {
                s += ", so the evicted pods stopped together at " + ExplainTime.format(stopTimes.first());
            }
        } else {
            s += "; " + refusedFirst + " refused at first by a PodDisruptionBudget (up to "
                    + Words.count(maxRefusals, "refusal") + ", held back up to " + Words.seconds(longestBlocked) + ")";
            if (stopTimes.size() > 1) {
                s += ", so the evicted pods stopped at " + stopTimes.size() + " different times, from "
                        + ExplainTime.format(stopTimes.first()) + " to " + ExplainTime.format(stopTimes.last());
            }
        }
        return s + ".";
    }
}
