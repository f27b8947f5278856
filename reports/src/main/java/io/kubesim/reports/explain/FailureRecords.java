package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records of a run that {@link FailuresExplainer} reads about one Service and its pods, looked
 * up by pod: terminations, endpoint and proxy changes, rollout steps, pod events, node failures.
 */
final class FailureRecords {
    private final String serviceKey;
    private final boolean qualified;
    private final Map<String, List<JsonNode>> byPod = new LinkedHashMap<>();
    private final List<JsonNode> terminating = new ArrayList<>();
    private final List<JsonNode> rolloutSteps = new ArrayList<>();
    private final Set<String> servicePods = new LinkedHashSet<>();
    private final Map<String, List<JsonNode>> events = new LinkedHashMap<>();
    private final JsonNode summary;
    /** Each Service's name as summary.json has it, by key, for the Services with RequestsFailed records. */
    private final Map<String, List<JsonNode>> otherFailures = new java.util.TreeMap<>();
    /** Every ProxyUpdated of the Service that made a pod routed, in time order. */
    private final List<JsonNode> routed = new ArrayList<>();
    /** The Argo Rollouts controller's SwitchService events for this Service, in time order. */
    private final List<JsonNode> switches = new ArrayList<>();

    FailureRecords(RunRecord run, String serviceKey, boolean qualified) {
        this.summary = run.summary();
        this.serviceKey = serviceKey;
        this.qualified = qualified;
        for (JsonNode d : run.decisions()) {
            String kind = d.path("kind").asText();
            String object = d.path("object").asText();
            switch (kind) {
                case "Terminating" -> {
                    terminating.add(d);
                    byPod.computeIfAbsent(object.substring(4), k -> new ArrayList<>()).add(d);
                }
                case "EndpointAdded", "EndpointReady", "EndpointNotReady", "EndpointRemoved" -> {
                    if (d.path("facts").path("service").asText().equals(serviceKey)) {
                        servicePods.add(object.substring(4));
                        byPod.computeIfAbsent(object.substring(4), k -> new ArrayList<>()).add(d);
                    }
                }
                case "ProxyUpdated" -> {
                    if (object.equals("Service/" + serviceKey)) {
                        byPod.computeIfAbsent(d.path("facts").path("pod").asText(), k -> new ArrayList<>()).add(d);
                        if (d.path("facts").path("routed").asBoolean()) {
                            routed.add(d);
                        }
                    }
                }
                case "ReadinessChanged" -> byPod.computeIfAbsent(object.substring(4), k -> new ArrayList<>()).add(d);
                case "RolloutStep" -> rolloutSteps.add(d);
                case "RequestsFailed" -> {
                    if (!object.equals("Service/" + serviceKey)) {
                        otherFailures.computeIfAbsent(object.substring("Service/".length()), k -> new ArrayList<>())
                                .add(d);
                    }
                }
                default -> {
                }
            }
        }
        String switchOf = "Switched selector for service '" + serviceKey.substring(serviceKey.indexOf('/') + 1) + "' ";
        for (JsonNode e : run.events()) {
            String object = e.path("object").asText();
            if (object.startsWith("Pod/")) {
                events.computeIfAbsent(object.substring(4), k -> new ArrayList<>()).add(e);
            } else if (e.path("reason").asText().equals("SwitchService") && object.startsWith("Rollout/")
                    && e.path("message").asText().startsWith(switchOf)
                    && object.startsWith("Rollout/" + serviceKey.substring(0, serviceKey.indexOf('/') + 1))) {
                switches.add(e);
            }
        }
    }

    /** The last SwitchService of this Service in [from, to] (a Rollout pointed it at other pods), or null. */
    JsonNode serviceSwitch(double from, double to) {
        JsonNode found = null;
        for (JsonNode e : switches) {
            double t = e.path("time").asDouble();
            if (t >= from && t <= to) {
                found = e;
            }
        }
        return found;
    }

    /** The node of the pod at {@code t}, as the last endpoint record before then names it; "" when unknown. */
    String nodeOf(String pod, double t) {
        String node = "";
        for (JsonNode d : of(pod)) {
            if (d.path("facts").hasNonNull("node") && d.path("time").asDouble() <= t) {
                node = d.path("facts").path("node").asText();
            }
        }
        return node;
    }

    /** summary.json's record of the node's latest failure at or before {@code t}; null if none. */
    JsonNode nodeFailure(String node, double t) {
        JsonNode found = null;
        for (JsonNode f : summary.path("nodes").path("failures")) {
            if (f.path("node").asText().equals(node) && f.path("failedAt").asDouble() <= t) {
                found = f;
            }
        }
        return found;
    }

    /** The Service's pods (as printed) with an event of this reason in [from, to], by their first such event. */
    List<String> podsWithEvent(String reason, double from, double to) {
        java.util.TreeMap<Double, List<String>> byTime = new java.util.TreeMap<>();
        for (String pod : servicePods) {
            for (JsonNode e : events.getOrDefault(pod, List.of())) {
                double t = e.path("time").asDouble();
                if (e.path("reason").asText().equals(reason) && t >= from && t <= to) {
                    byTime.computeIfAbsent(t, k -> new ArrayList<>()).add(podName(pod));
                    break;
                }
            }
        }
        List<String> out = new ArrayList<>();
        byTime.values().forEach(out::addAll);
        return out;
    }

    /** Whether any balancer routed to a pod of the Service before {@code t}. */
    boolean routedBeforeAny(double t) {
        return !routed.isEmpty() && routed.get(0).path("time").asDouble() < t;
    }

    /** The first ProxyUpdated at or after {@code t} that made a pod of the Service routed; null if none. */
    JsonNode routedAfter(double t) {
        for (JsonNode d : routed) {
            if (d.path("time").asDouble() >= t) {
                return d;
            }
        }
        return null;
    }

    /** The other Services (as printed) with failures overlapping [from, to], in name order. */
    List<String> otherServicesFailing(double from, double to) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : otherFailures.entrySet()) {
            for (JsonNode b : e.getValue()) {
                JsonNode f = b.path("facts");
                if (f.path("first").asDouble() <= to && f.path("last").asDouble() >= from) {
                    out.add(podName(e.getKey()));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The other Services whose requests waited to fail (connect timeouts to gone addresses,
     * requests to dead nodes) while being sent between {@code from} and {@code to}: callers of
     * theirs held a worker for each such call.
     */
    List<String> servicesWaitedOn(double from, double to) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : otherFailures.entrySet()) {
            for (JsonNode b : e.getValue()) {
                JsonNode f = b.path("facts");
                String cause = f.path("cause").asText();
                if ((cause.equals("connect_timeout") || cause.equals("node_unreachable")) && f.has("firstSent")
                        && f.path("firstSent").asDouble() <= to && f.path("last").asDouble() >= from) {
                    out.add(podName(e.getKey()));
                    break;
                }
            }
        }
        return out;
    }

    /** The pod's name as printed: without the namespace unless the Service was named with one. */
    String podName(String podKey) {
        return qualified || !podKey.contains("/") ? podKey : podKey.substring(podKey.indexOf('/') + 1);
    }

    private List<JsonNode> of(String pod) {
        return byPod.getOrDefault(pod, List.of());
    }

    /** The pod's last ReadinessChanged to Ready at or before {@code t}, or null. */
    JsonNode readyBefore(String pod, double t) {
        JsonNode found = null;
        for (JsonNode d : of(pod)) {
            if (d.path("kind").asText().equals("ReadinessChanged") && d.path("facts").path("ready").asBoolean()
                    && d.path("time").asDouble() <= t) {
                found = d;
            }
        }
        return found;
    }

    JsonNode terminatingBefore(String pod, double t) {
        JsonNode found = null;
        for (JsonNode d : of(pod)) {
            if (d.path("kind").asText().equals("Terminating") && d.path("time").asDouble() <= t) {
                found = d;
            }
        }
        return found;
    }

    /** The first EndpointNotReady or EndpointRemoved of the pod at or after {@code t}. */
    JsonNode endpointAfter(String pod, double t) {
        for (JsonNode d : of(pod)) {
            String kind = d.path("kind").asText();
            if ((kind.equals("EndpointNotReady") || kind.equals("EndpointRemoved")) && d.path("time").asDouble() >= t) {
                return d;
            }
        }
        return null;
    }

    /** The latest record of this kind for the pod in [from, to], or null. */
    JsonNode endpoint(String pod, String kind, double from, double to, boolean latest) {
        JsonNode found = null;
        for (JsonNode d : of(pod)) {
            double time = d.path("time").asDouble();
            if (d.path("kind").asText().equals(kind) && time >= from && time <= to) {
                found = d;
                if (!latest) {
                    return d;
                }
            }
        }
        return found;
    }

    /** Each balancer's ProxyUpdated records for the pod after {@code t} that stop or keep routing to it. */
    List<JsonNode> proxyUpdatesAfter(String pod, double t) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode d : of(pod)) {
            String change = d.path("facts").path("change").asText();
            if (d.path("kind").asText().equals("ProxyUpdated") && d.path("time").asDouble() >= t
                    && (change.equals("not ready") || change.equals("removed"))) {
                out.add(d);
            }
        }
        return out;
    }

    /** The latest ProxyUpdated that made the pod routed, at or before {@code t}. */
    JsonNode routedBefore(String pod, double t) {
        JsonNode found = null;
        for (JsonNode d : of(pod)) {
            if (d.path("kind").asText().equals("ProxyUpdated") && d.path("time").asDouble() <= t
                    && d.path("facts").path("routed").asBoolean()) {
                found = d;
            }
        }
        return found;
    }

    /** The pod's latest event with this reason in [from, to], or null. */
    JsonNode event(String pod, String reason, double from, double to) {
        JsonNode found = null;
        for (JsonNode e : events.getOrDefault(pod, List.of())) {
            double t = e.path("time").asDouble();
            if (e.path("reason").asText().equals(reason) && t >= from && t <= to) {
                found = e;
            }
        }
        return found;
    }

    /**
     * "step N of the rollout (ReplicaSet R scaled from A to B)" from the latest RolloutStep that
     * scaled the pod's ReplicaSet down at or before {@code t}; null when the run has none.
     */
    String rolloutStep(String podKey, double t) {
        String name = podKey.substring(podKey.indexOf('/') + 1);
        int dash = name.lastIndexOf('-');
        if (dash < 0) {
            return null;
        }
        String rs = name.substring(0, dash);
        JsonNode found = null;
        for (JsonNode d : rolloutSteps) {
            JsonNode f = d.path("facts");
            String target = f.path("replicaSet").asText();
            if (d.path("time").asDouble() <= t + 1e-6 && (target.equals(rs) || target.endsWith("/" + rs))
                    && f.path("to").asLong() < f.path("from").asLong()) {
                found = d;
            }
        }
        if (found == null || !found.path("facts").has("step")) {
            return null;
        }
        JsonNode f = found.path("facts");
        return "step " + f.path("step").asLong();
    }

    /** Pods of the Service whose termination started in [start - lookback, start], by cause, in time order. */
    Map<String, List<String>> terminatedBefore(double start, double lookback) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode d : terminating) {
            double t = d.path("time").asDouble();
            String pod = d.path("object").asText().substring(4);
            if (servicePods.contains(pod) && t <= start && t >= start - lookback) {
                List<String> pods = out.computeIfAbsent(d.path("facts").path("cause").asText(),
                        k -> new ArrayList<>());
                if (!pods.contains(podName(pod))) {
                    pods.add(podName(pod));
                }
            }
        }
        return out;
    }
}
