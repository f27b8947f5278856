package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A probe's timing as the kubelet runs it (k8s-semantics.md 4), with the API defaults: period 10 s,
 * failureThreshold 3, initialDelaySeconds 0.
 */
final class ProbeTimings {
    private ProbeTimings() {
    }

    static int initialDelay(JsonNode probe) {
        return probe.path("initialDelaySeconds").asInt(0);
    }

    static int period(JsonNode probe) {
        int p = probe.path("periodSeconds").asInt(10);
        return p <= 0 ? 10 : p;
    }

    static int failureThreshold(JsonNode probe) {
        int f = probe.path("failureThreshold").asInt(3);
        return f <= 0 ? 3 : f;
    }

    /**
     * The longest a container may take to start before this probe has the kubelet restart it
     * (k8s-semantics.md 4.1): the worker ticks every period and skips ticks before the initial
     * delay, so the first probe comes within a period after it, and failureThreshold failures in a
     * row kill the container: at most initialDelay + failureThreshold x period.
     */
    static int budgetSeconds(JsonNode probe) {
        return initialDelay(probe) + failureThreshold(probe) * period(probe);
    }
}
