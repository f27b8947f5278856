package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One episode of a Service's failed requests: the {@code RequestsFailed} bursts on one pod (or,
 * for pod {@code ""}, on no pod: the Service had no endpoint) that follow each other with gaps of
 * at most {@link #GAP_SECONDS}. {@link FailuresExplainer} finds what led to each.
 *
 * @param pod    {@code namespace/name}, or {@code ""} when the requests reached no pod
 * @param bursts the bursts in order of their first failure
 */
record FailureChain(String pod, List<JsonNode> bursts) {
    /** Bursts on one pod further apart than this are separate episodes. */
    static final double GAP_SECONDS = 10;

    private static final Comparator<JsonNode> BY_FIRST = Comparator
            .comparingDouble(FailureChain::sent)
            .thenComparing(b -> b.path("facts").path("pod").asText())
            .thenComparing(b -> b.path("facts").path("cause").asText());

    double first() {
        return bursts.get(0).path("facts").path("first").asDouble();
    }

    /** When the chain's first failed request was sent ({@link #sent}). */
    double firstSent() {
        return sent(bursts.get(0));
    }

    double last() {
        double last = 0;
        for (JsonNode b : bursts) {
            last = Math.max(last, b.path("facts").path("last").asDouble());
        }
        return last;
    }

    long count() {
        long n = 0;
        for (JsonNode b : bursts) {
            n += b.path("facts").path("count").asLong();
        }
        return n;
    }

    /** Requests by cause, in cause order. */
    Map<String, Long> byCause() {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode b : bursts) {
            out.merge(b.path("facts").path("cause").asText(), b.path("facts").path("count").asLong(), Long::sum);
        }
        return out;
    }

    boolean has(String cause) {
        return byCause().containsKey(cause);
    }

    /**
     * When a burst's first request was sent: {@code firstSent} for requests that waited to fail (a
     * connect or request timeout), else {@code first}. Chains follow what was sent when, so a pod's
     * refusals and the connect timeouts that follow them once it is gone are one episode.
     */
    static double sent(JsonNode burst) {
        JsonNode f = burst.path("facts");
        return f.has("firstSent") ? f.path("firstSent").asDouble() : f.path("first").asDouble();
    }

    /** Groups bursts into chains, ordered by their first failure (then pod). */
    static List<FailureChain> of(List<JsonNode> bursts) {
        Map<String, List<JsonNode>> byPod = new TreeMap<>();
        for (JsonNode b : bursts) {
            byPod.computeIfAbsent(b.path("facts").path("pod").asText(), k -> new ArrayList<>()).add(b);
        }
        List<FailureChain> chains = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : byPod.entrySet()) {
            List<JsonNode> sorted = new ArrayList<>(e.getValue());
            sorted.sort(BY_FIRST);
            List<JsonNode> current = new ArrayList<>();
            double last = Double.NEGATIVE_INFINITY;
            for (JsonNode b : sorted) {
                double first = sent(b);
                if (!current.isEmpty() && first - last > GAP_SECONDS) {
                    chains.add(new FailureChain(e.getKey(), List.copyOf(current)));
                    current.clear();
                }
                current.add(b);
                last = Math.max(last, b.path("facts").path("last").asDouble());
            }
            chains.add(new FailureChain(e.getKey(), List.copyOf(current)));
        }
        chains.sort(Comparator.comparingDouble(FailureChain::first).thenComparing(FailureChain::pod));
        return chains;
    }
}
