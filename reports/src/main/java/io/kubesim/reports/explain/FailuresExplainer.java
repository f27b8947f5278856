package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code kubesim explain --failures SERVICE [--at TIME]}: the causal chain behind a Service's
 * failed requests, from the run's decisions. Each burst of failures on one pod
 * ({@code RequestsFailed}) is tied to what led to it: the pod's termination ({@code Terminating}:
 * who stopped it, its preStop hook; the rollout step from {@code RolloutStep} when the run has
 * one), the EndpointSlice change ({@code EndpointNotReady}/{@code EndpointRemoved}) and when each
 * load balancer applied it ({@code ProxyUpdated}); or, for a new pod, when it became routable; or,
 * for failures that reached no pod, which pods were down. The conclusions name the cause and the
 * change that would have avoided the failures: a missing or too short preStop sleep (the sleep that
 * covers the measured propagation, rounded up to whole seconds), readiness passing before warm-up,
 * every replica down at once (a drain without a PodDisruptionBudget), traffic before any pod was
 * ready, OOM kills, node-pressure evictions, node failures, requests cut off at shutdown, failed
 * calls to other Services, saturation. Chains are grouped by {@link FailureChain}; the records
 * are looked up through {@link FailureRecords}.
 */
public final class FailuresExplainer {
    /** Failures on a pod within this many seconds of it becoming routable count as its warm-up. */
    static final double WARM_UP_WINDOW = 30;
    /** How far before an outage a pod's termination is taken as one of its causes. */
    static final double OUTAGE_LOOKBACK = 120;

    private FailuresExplainer() {
    }

    /** What led to one chain of failures. */
    private enum Kind {
        PRESTOP, ALL_DOWN, NOT_YET_READY, EVICTED, SHUTDOWN, WARM_UP, OOM, NODE, DEPENDENCY, WAITED, APP_ERROR, OTHER
    }

    private record Diagnosis(FailureChain chain, Kind kind, List<Explanation.Step> steps, JsonNode terminating,
                             String cause, double propagation) {
        double start() {
            return steps.stream().mapToDouble(Explanation.Step::time).min().orElse(chain.first());
        }
    }

    public static Explanation explain(RunRecord run, String service, Double at) {
        JsonNode services = run.summary().path("services");
        if (!services.has(service)) {
            List<String> names = new ArrayList<>();
            services.fieldNames().forEachRemaining(names::add);
            throw new RunRecordException("--failures " + service + ": no such Service with traffic in the run"
                    + (names.isEmpty() ? "" : " (services: " + String.join(", ", names) + ")"));
        }
        JsonNode stats = services.get(service);
        long requests = stats.path("requests").asLong();
        long failed = stats.path("failed").asLong();
        String key = serviceKey(run, service);
        List<JsonNode> bursts = new ArrayList<>();
        for (JsonNode d : run.decisions()) {
            if (d.path("kind").asText().equals("RequestsFailed") && d.path("object").asText().equals("Service/" + key)) {
                bursts.add(d);
            }
        }
        String subject = "failures of service " + service + ": " + count(failed) + " of " + count(requests)
                + " requests failed" + (requests > 0 && failed > 0
                ? String.format(Locale.ROOT, " (%.1f %%)", 100.0 * failed / requests) : "");
        if (bursts.isEmpty()) {
            return new Explanation(subject, List.of(), List.of(failed == 0
                    ? "Service " + service + " had no failed requests: all " + count(requests) + " were served."
                    : count(failed) + " requests failed, but decisions.jsonl has no RequestsFailed record for them:"
                    + " run the scenario again with this kubesim and --decisions."));
        }
        FailureRecords records = new FailureRecords(run, key, service.contains("/"));
        List<Diagnosis> all = new ArrayList<>();
        for (FailureChain c : FailureChain.of(bursts)) {
            all.add(diagnose(records, c));
        }
        List<Diagnosis> chosen = at == null ? all : around(all, at);
        if (at != null) {
            long n = chosen.stream().mapToLong(d -> d.chain().count()).sum();
            subject += "; around " + ExplainTime.format(at) + ": " + count(n) + " in " + chosen.size()
                    + " chain" + (chosen.size() == 1 ? "" : "s");
        }
        List<Explanation.Step> steps = new ArrayList<>();
        for (Diagnosis d : chosen) {
            List<Explanation.Step> own = new ArrayList<>(d.steps());
            own.sort(Comparator.comparingDouble(Explanation.Step::time));
            steps.addAll(own);
        }
        return new Explanation(subject, steps, conclusions(records, chosen));
    }

    /**
     * The Service's {@code namespace/name}: as given when qualified; else the namespace its
     * decisions name (summary.json names objects without their namespace when the run used one).
     */
    private static String serviceKey(RunRecord run, String service) {
        if (service.contains("/")) {
            return service;
        }
        String found = null;
        for (JsonNode d : run.decisions()) {
            String object = d.path("object").asText();
            if (object.startsWith("Service/") && object.endsWith("/" + service)
                    && object.indexOf('/', "Service/".length()) == object.length() - service.length() - 1
                    && (found == null || object.compareTo(found) < 0)) {
                found = object;
            }
        }
        return found == null ? "default/" + service : found.substring("Service/".length());
    }

    /** The chains whose span (from their first cause to their last failure) holds {@code at}, else the nearest. */
    private static List<Diagnosis> around(List<Diagnosis> all, double at) {
        List<Diagnosis> out = new ArrayList<>();
        Diagnosis nearest = null;
        double best = Double.POSITIVE_INFINITY;
        for (Diagnosis d : all) {
            double start = d.start();
            double end = d.chain().last();
            if (at >= start && at <= end) {
                out.add(d);
            }
            double distance = at < start ? start - at : Math.max(0, at - end);
            if (distance < best) {
                best = distance;
                nearest = d;
            }
        }
        if (out.isEmpty() && nearest != null) {
            out.add(nearest);
        }
        return out;
    }

    private static Diagnosis diagnose(FailureRecords r, FailureChain c) {
        List<Explanation.Step> steps = new ArrayList<>();
        if (c.pod().isEmpty()) {
            for (JsonNode b : c.bursts()) {
                steps.add(burstStep(r, b, "with no endpoint to send them to"));
            }
            JsonNode back = r.routedAfter(c.last());
            String readyTiming = null;
            if (back != null) {
                String backPod = back.path("facts").path("pod").asText();
                JsonNode ready = r.readyBefore(backPod, back.path("time").asDouble());
                String timing = ready == null ? "" : ReadinessTiming.of(ready.path("facts"));
                if (!timing.isEmpty()) {
                    readyTiming = "pod " + r.podName(backPod) + " turned Ready " + timing;
                    steps.add(new Explanation.Step(ready.path("time").asDouble(), readyTiming, List.of(), facts(ready)));
                }
                steps.add(new Explanation.Step(back.path("time").asDouble(), back.path("source").asText()
                        + " had an endpoint again: pod " + r.podName(backPod), List.of(), facts(back)));
            }
            boolean everRouted = r.routedBeforeAny(c.first());
            return new Diagnosis(c, everRouted ? Kind.ALL_DOWN : Kind.NOT_YET_READY, steps, null, readyTiming, 0);
        }
        String pod = r.podName(c.pod());
        JsonNode oom = r.event(c.pod(), "OOMKilled", c.first() - 2, c.last() + 1);
        JsonNode term = r.terminatingBefore(c.pod(), c.last());
        JsonNode readyAgain = term == null ? null : r.readyBefore(c.pod(), c.firstSent());
        if (readyAgain != null && readyAgain.path("time").asDouble() > term.path("time").asDouble()) {
            // A StatefulSet's pod comes back under the same name: a stopped pod never turns Ready
            // again, so a stop before the last Ready ahead of these requests was an earlier pod's.
            term = null;
        }
        if (oom != null && (term == null || oom.path("time").asDouble() < term.path("time").asDouble())) {
            steps.add(new Explanation.Step(oom.path("time").asDouble(),
                    "pod " + pod + ": " + oom.path("message").asText() + " (OOMKilled)"));
            addBursts(r, c, steps, "");
            return new Diagnosis(c, Kind.OOM, steps, null, null, 0);
        }
        if (term != null) {
            return diagnoseTermination(r, c, term, steps);
        }
        if (c.has("node_unreachable") || c.has("connect_timeout")) {
            return diagnoseNodeFailure(r, c, steps);
        }
        JsonNode routed = r.routedBefore(c.pod(), c.first());
        // connection_refused from a pod that is neither starting its stop nor gone: alive, not yet listening
        boolean warmUpCauses = c.byCause().keySet().stream().allMatch(k -> k.equals("timeout")
                || k.equals("not_warmed_up") || k.equals("queue_full") || k.equals("connection_refused"));
        if (routed != null && warmUpCauses && c.first() - routed.path("time").asDouble() <= WARM_UP_WINDOW) {
            JsonNode ready = r.endpoint(c.pod(), "EndpointReady", Double.NEGATIVE_INFINITY, c.first(), true);
            if (ready != null) {
                steps.add(new Explanation.Step(ready.path("time").asDouble(), "pod " + pod
                        + " passed readiness: the EndpointSlice controller marked it ready", List.of(),
                        facts(ready)));
            }
            steps.add(new Explanation.Step(routed.path("time").asDouble(), routed.path("source").asText()
                    + " started routing new connections to pod " + pod, List.of(), facts(routed)));
            addBursts(r, c, steps, c.has("connection_refused") ? " before its app listened" : " while it warmed up");
            return new Diagnosis(c, Kind.WARM_UP, steps, null, null, c.first() - routed.path("time").asDouble());
        }
        if (c.byCause().keySet().equals(Set.of("dependency_failed"))) {
            addBursts(r, c, steps, "");
            return new Diagnosis(c, Kind.DEPENDENCY, steps, null, String.join(", ",
                    r.otherServicesFailing(c.first() - 1, c.last() + 1)), 0);
        }
        addBursts(r, c, steps, "");
        // Full queues or timeouts (with, perhaps, the failed calls themselves): the workers were busy.
        boolean overloaded = (c.has("queue_full") || c.has("timeout")) && c.byCause().keySet().stream()
                .allMatch(k -> k.equals("queue_full") || k.equals("timeout") || k.equals("dependency_failed"));
        List<String> waitedOn = overloaded ? r.servicesWaitedOn(c.first() - 60, c.last()) : List.of();
        if (!waitedOn.isEmpty()) {
            return new Diagnosis(c, Kind.WAITED, steps, null, String.join(", ", waitedOn), 0);
        }
        return new Diagnosis(c, Kind.OTHER, steps, null, null, 0);
    }

    /** A chain on a pod that was being stopped: SIGTERM, the EndpointSlice change, the proxies. */
    private static Diagnosis diagnoseTermination(FailureRecords r, FailureChain c, JsonNode term, List<Explanation.Step> steps) {
        String pod = r.podName(c.pod());
        double t = term.path("time").asDouble();
        JsonNode tf = term.path("facts");
        String cause = tf.path("cause").asText();
        String step = r.rolloutStep(c.pod(), t);
        String why = cause + (step == null ? "" : ", " + step);
        String preStop = tf.path("preStop").asText("none");
        double preStopSeconds = tf.path("preStopSeconds").asDouble();
        double sigterm = tf.has("sigtermAt") ? tf.path("sigtermAt").asDouble() : t + preStopSeconds;
        Map<String, Object> termFacts = facts(term);
        if (step != null) {
            termFacts.put("rolloutStep", step);
        }
        if (preStop.equals("none")) {
            steps.add(new Explanation.Step(t, "pod " + pod + " got SIGTERM (" + why
                    + "): no preStop hook, so it stopped accepting connections at once", List.of(), termFacts));
        } else {
            steps.add(new Explanation.Step(t, "pod " + pod + " is stopping (" + why + "): preStop " + preStop
                    + " runs for " + seconds(preStopSeconds) + " s before SIGTERM", List.of(), termFacts));
            steps.add(new Explanation.Step(sigterm, "pod " + pod
                    + " got SIGTERM after its preStop hook and stopped accepting connections"));
        }
        JsonNode evicted = r.event(c.pod(), "Evicted", t - 1, t + 1);
        if (evicted != null) {
            steps.add(new Explanation.Step(evicted.path("time").asDouble(), "the kubelet evicted pod " + pod + ": "
                    + evicted.path("message").asText()));
        }
        JsonNode slice = r.endpointAfter(c.pod(), t);
        if (slice != null) {
            double ts = slice.path("time").asDouble();
            String what = slice.path("kind").asText().equals("EndpointRemoved")
                    ? "removed it from the Service's endpoints" : "marked it not ready (terminating)";
            steps.add(new Explanation.Step(ts, "the EndpointSlice controller " + what + ", "
                    + seconds(ts - t) + " s after the deletion", List.of(), facts(slice)));
        }
        boolean fallback = false;
        double stop = Double.NaN;
        Set<String> stopped = new LinkedHashSet<>();
        for (JsonNode p : r.proxyUpdatesAfter(c.pod(), t)) {
            double tp = p.path("time").asDouble();
            JsonNode pf = p.path("facts");
            String balancer = p.path("source").asText();
            if (pf.path("routed").asBoolean()) {
                fallback = true;
                steps.add(new Explanation.Step(tp, balancer + " still routed to pod " + pod
                        + ": the Service had no ready endpoint left, so it used the terminating ones that still"
                        + " served", List.of(), facts(p)));
            } else if (stopped.add(balancer)) {
                stop = Double.isNaN(stop) ? tp : Math.max(stop, tp);
                steps.add(new Explanation.Step(tp, balancer + " stopped routing new connections to pod " + pod
                        + " (" + seconds(pf.path("delaySeconds").asDouble()) + " s after the EndpointSlice change, "
                        + seconds(tp - t) + " s after the deletion)", List.of(), facts(p)));
            }
        }
        addBursts(r, c, steps, "");
        double propagation = Double.isNaN(stop) ? c.last() - t : stop - t;
        Kind kind;
        if (fallback) {
            kind = Kind.ALL_DOWN;
        } else if (cause.equals("node-pressure eviction")) {
            kind = Kind.EVICTED;
        } else if ((c.has("connection_refused") || c.has("connect_timeout"))
                && sigterm < (Double.isNaN(stop) ? c.last() : stop)) {
            kind = Kind.PRESTOP;
        } else {
            kind = Kind.SHUTDOWN;
        }
        return new Diagnosis(c, kind, steps, term, why, propagation);
    }

    /** A chain on a pod whose node went down: the failure, NotReady, the endpoint and proxy changes. */
    private static Diagnosis diagnoseNodeFailure(FailureRecords r, FailureChain c, List<Explanation.Step> steps) {
        String pod = r.podName(c.pod());
        String node = r.nodeOf(c.pod(), c.firstSent()); // a StatefulSet's pod of that name may run elsewhere later
        JsonNode failure = r.nodeFailure(node, c.first());
        String cause = null;
        if (failure != null) {
            double failedAt = failure.path("failedAt").asDouble();
            cause = "node " + node + " failed at " + ExplainTime.format(failedAt);
            steps.add(new Explanation.Step(failedAt, "node " + node + " went down; pod " + pod
                    + " on it stays ready in the endpoints until the node-lifecycle controller notices"));
            if (failure.hasNonNull("notReadyAt")) {
                double notReady = failure.path("notReadyAt").asDouble();
                steps.add(new Explanation.Step(notReady, "the node-lifecycle controller marked node " + node
                        + " NotReady, " + seconds(notReady - failedAt) + " s after it failed"));
                cause += ", NotReady at " + ExplainTime.format(notReady);
            }
        }
        JsonNode slice = r.endpointAfter(c.pod(), c.first() - 300);
        if (slice != null) {
            steps.add(new Explanation.Step(slice.path("time").asDouble(), "the EndpointSlice controller marked pod "
                    + pod + " not ready", List.of(), facts(slice)));
            Set<String> stopped = new LinkedHashSet<>();
            for (JsonNode p : r.proxyUpdatesAfter(c.pod(), slice.path("time").asDouble())) {
                if (!p.path("facts").path("routed").asBoolean() && stopped.add(p.path("source").asText())) {
                    steps.add(new Explanation.Step(p.path("time").asDouble(), p.path("source").asText()
                            + " stopped routing new connections to pod " + pod, List.of(), facts(p)));
                }
            }
        }
        addBursts(r, c, steps, "");
        return new Diagnosis(c, Kind.NODE, steps, null, cause, 0);
    }

    private static void addBursts(FailureRecords r, FailureChain c, List<Explanation.Step> steps, String where) {
        for (JsonNode b : c.bursts()) {
            steps.add(burstStep(r, b, where));
        }
    }

    private static Explanation.Step burstStep(FailureRecords r, JsonNode b, String where) {
        JsonNode f = b.path("facts");
        long n = f.path("count").asLong();
        double first = f.path("first").asDouble();
        double last = f.path("last").asDouble();
        String pod = f.path("pod").asText();
        String span = last - first < 0.05 ? "at " + ExplainTime.format(first)
                : "between " + ExplainTime.format(first) + " and " + ExplainTime.format(last);
        String text = count(n) + " request" + (n == 1 ? "" : "s") + " failed (" + f.path("cause").asText() + ") "
                + (pod.isEmpty() ? where : "on pod " + r.podName(pod) + where) + " " + span;
        return new Explanation.Step(first, text, List.of(), facts(b));
    }

    private static List<String> conclusions(FailureRecords r, List<Diagnosis> chosen) {
        Map<Kind, List<Diagnosis>> byKind = new LinkedHashMap<>();
        for (Diagnosis d : chosen) {
            for (Diagnosis split : splitAppErrors(d)) {
                for (Diagnosis part : splitCalleeFailures(r, split)) {
                    byKind.computeIfAbsent(part.kind(), k -> new ArrayList<>()).add(part);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<Kind, List<Diagnosis>> e : byKind.entrySet()) {
            List<Diagnosis> ds = e.getValue();
            long n = ds.stream().mapToLong(d -> d.chain().count()).sum();
            String failures = count(n) + " request" + (n == 1 ? "" : "s") + " " + causes(ds);
            switch (e.getKey()) {
                case PRESTOP -> out.addAll(prestop(ds, failures));
                case ALL_DOWN -> out.addAll(allDown(r, ds, failures));
                case SHUTDOWN -> out.addAll(shutdown(r, ds, failures));
                case EVICTED -> out.addAll(evicted(r, ds, failures));
                case WARM_UP -> out.addAll(warmUp(r, ds, failures));
                case OOM -> {
                    out.add("Cause: the container" + (ds.size() == 1 ? " of " + pods(r, ds) + " was"
                            : "s of " + pods(r, ds) + " were") + " OOM-killed (at the memory limit, or the node ran"
                            + " out of memory): " + failures + ".");
                    out.add("Fix: raise the container's memory limit (and request) above its peak usage under"
                            + " this load, or lower the memory each request holds.");
                }
                case NODE -> {
                    Set<String> nodes = new LinkedHashSet<>();
                    ds.forEach(d -> nodes.add(d.cause() == null ? "a node failed" : d.cause()));
                    out.add("Cause: " + String.join("; ", nodes) + ": " + pods(r, ds) + " on it stayed ready in"
                            + " the endpoints until the node-lifecycle controller noticed, so the proxies kept sending"
                            + " them new connections, which hung until the client's timeout: " + failures + ".");
                    out.add("Fix: spread the replicas over nodes and zones (topologySpreadConstraints) so that one"
                            + " node's loss is a small share; a client connect timeout of a second or two with a"
                            + " retry on connect failure (in the scenario: client.connectTimeout and client.retries)"
                            + " bounds each failure and recovers most of them.");
                }
                case NOT_YET_READY -> {
                    String firstReady = ds.stream().map(Diagnosis::cause).filter(java.util.Objects::nonNull)
                            .findFirst().orElse(null);
                    out.add("Cause: requests arrived before any pod of the Service was ready (its pods were still"
                            + " starting" + (firstReady == null ? "" : "; " + firstReady) + "): " + failures + ".");
                    out.add("Fix: in the scenario, start the traffic once the pods are ready; in a cluster, send"
                            + " traffic to a new Service only after its pods are ready."
                            + (firstReady != null && firstReady.contains("initialDelaySeconds")
                            ? " If the app can serve sooner, a shorter readiness probe initialDelaySeconds (or a"
                            + " startupProbe, which probes from the start) lets its pods be ready sooner." : ""));
                }
                case DEPENDENCY -> {
                    Set<String> callees = new LinkedHashSet<>();
                    for (Diagnosis d : ds) {
                        if (!d.cause().isEmpty()) {
                            callees.addAll(List.of(d.cause().split(", ")));
                        }
                    }
                    out.add("Cause: calls that " + pods(r, ds) + " made to other Services failed: " + failures
                            + (callees.isEmpty() ? "." : "; at the same time requests of " + String.join(", ", callees)
                            + " failed."));
                    out.add("Fix: the failures of the Services it calls come first: explain them with"
                            + " kubesim explain RUN_DIR --failures SERVICE.");
                }
                case WAITED -> {
                    Set<String> callees = new LinkedHashSet<>();
                    ds.forEach(d -> callees.addAll(List.of(d.cause().split(", "))));
                    out.add("Cause: while " + pods(r, ds) + " served, calls down its path to " + String.join(", ", callees)
                            + " got no answer (connects to addresses that were gone, or to a node that was down) and"
                            + " each held a worker until it timed out, so the requests behind them queued: " + failures
                            + ".");
                    out.add("Fix: a connect timeout of a second or two on those calls (calls[].client.connectTimeout in"
                            + " the scenario; the HTTP or gRPC client's dial timeout in the app) frees the workers; then"
                            + " explain the callees' failures with kubesim explain RUN_DIR --failures SERVICE.");
                }
                case APP_ERROR -> out.addAll(appErrors(r, ds));
                case OTHER -> {
                    out.add("Cause: " + pods(r, ds) + " could not serve all the requests sent to "
                            + (ds.size() == 1 ? "it" : "them") + " while running (not starting or stopping): "
                            + failures + ".");
                    out.add("Fix: more replicas (or an HPA that scales earlier), more concurrency per pod, or a"
                            + " longer client timeout.");
                }
            }
        }
        return out;
    }

    private static List<String> prestop(List<Diagnosis> ds, String failures) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        Set<String> why = new LinkedHashSet<>();
        Set<String> hooks = new LinkedHashSet<>();
        for (Diagnosis d : ds) {
            min = Math.min(min, d.propagation());
            max = Math.max(max, d.propagation());
            why.add(d.cause().replaceAll(", step \\d+$", ""));
            JsonNode f = d.terminating().path("facts");
            hooks.add(f.path("preStop").asText("none").equals("none") ? "none"
                    : f.path("preStop").asText() + " (" + seconds(f.path("preStopSeconds").asDouble()) + " s)");
        }
        long sleep = (long) Math.ceil(max - 1e-9);
        String range = seconds(min).equals(seconds(max)) ? seconds(max) + " s" : seconds(min) + " to " + seconds(max) + " s";
        String stopped = ds.size() == 1 ? "the pod stopped by " : "the " + ds.size() + " pods stopped by ";
        String each = ds.size() == 1 ? "it" : "each";
        String hook = (hooks.equals(Set.of("none")) ? "had no preStop hook"
                : "had a preStop hook of " + String.join(", ", hooks) + ", shorter than the propagation")
                + ", so " + each + " stopped accepting connections at SIGTERM";
        return List.of(
                "Cause: " + stopped + causes(why) + " " + hook + ", while the proxies still routed new"
                        + " connections to it for " + range + " after the deletion (until the EndpointSlice change"
                        + " reached them): " + failures + "." + (ds.stream().anyMatch(d -> d.chain().has("connect_timeout"))
                        ? " Once a pod was gone, its address no longer answered: those connects got no reply"
                        + " and their clients waited out their timeout (connect_timeout)." : ""),
                "Fix: a preStop sleep of " + Math.max(1, sleep) + " s or more (lifecycle.preStop.sleep.seconds: "
                        + Math.max(1, sleep) + ") would have kept each pod accepting until every proxy had stopped"
                        + " routing to it; keep terminationGracePeriodSeconds above the sleep plus the shutdown time."
                        + cutOff(ds));
    }

    /**
     * A chain's {@code app_error} bursts are the app's own answers (its version's errors), whatever
     * else happened to the pod: they are told apart as a cause of their own.
     */
    private static List<Diagnosis> splitAppErrors(Diagnosis d) {
        if (d.kind() == Kind.APP_ERROR || !d.chain().has("app_error")) {
            return List.of(d);
        }
        return split(d, b -> b.path("facts").path("cause").asText().equals("app_error"), Kind.APP_ERROR, c -> null);
    }

    /**
     * A chain of requests that queued behind hung calls can go on with calls that failed fast
     * once the workers were free again (the callee had no endpoint): those failures, after the
     * last full queue or timeout, are the callees' ({@link Kind#DEPENDENCY}), not the wait's.
     */
    private static List<Diagnosis> splitCalleeFailures(FailureRecords r, Diagnosis d) {
        if (d.kind() != Kind.WAITED) {
            return List.of(d);
        }
        double waitEnd = Double.NEGATIVE_INFINITY;
        for (JsonNode b : d.chain().bursts()) {
            String cause = b.path("facts").path("cause").asText();
            if (cause.equals("queue_full") || cause.equals("timeout")) {
                waitEnd = Math.max(waitEnd, b.path("facts").path("last").asDouble());
            }
        }
        double end = waitEnd;
        return split(d, b -> b.path("facts").path("cause").asText().equals("dependency_failed")
                        && b.path("facts").path("first").asDouble() > end, Kind.DEPENDENCY,
                callees -> String.join(", ", r.otherServicesFailing(callees.first() - 1, callees.last() + 1)));
    }

    /**
     * The chain's bursts that {@code moved} picks as a diagnosis of {@code kind} (its cause from
     * {@code cause} of their chain), after the rest, which keep the chain's diagnosis: the chain
     * itself when nothing is picked, only the picked when nothing is left.
     */
    private static List<Diagnosis> split(Diagnosis d, java.util.function.Predicate<JsonNode> moved, Kind kind,
                                         java.util.function.Function<FailureChain, String> cause) {
        List<JsonNode> picked = new ArrayList<>();
        List<JsonNode> rest = new ArrayList<>();
        for (JsonNode b : d.chain().bursts()) {
            (moved.test(b) ? picked : rest).add(b);
        }
        if (picked.isEmpty()) {
            return List.of(d);
        }
        FailureChain chain = new FailureChain(d.chain().pod(), picked);
        Diagnosis split = new Diagnosis(chain, kind, d.steps(), null, cause.apply(chain), 0);
        if (rest.isEmpty()) {
            return List.of(split);
        }
        return List.of(new Diagnosis(new FailureChain(d.chain().pod(), rest), d.kind(), d.steps(), d.terminating(),
                d.cause(), d.propagation()), split);
    }

    /** The app answered errors of its own while it served: the version it runs, not the cluster. */
    private static List<String> appErrors(FailureRecords r, List<Diagnosis> ds) {
        Set<String> statuses = new java.util.TreeSet<>();
        for (Diagnosis d : ds) {
            for (JsonNode b : d.chain().bursts()) {
                statuses.add(b.path("facts").path("status").asText());
            }
        }
        long n = ds.stream().mapToLong(d -> d.chain().count()).sum();
        return List.of("Cause: the app itself answered errors: " + pods(r, ds) + " answered " + count(n) + " request"
                        + (n == 1 ? "" : "s") + " with status " + String.join(", ", statuses)
                        + " (app_error), the errors of the version "
                        + (ds.size() == 1 ? "it runs" : "they run") + " (a bad release), not of the cluster.",
                "Fix: roll the release back (kubectl rollout undo, or abort the Argo Rollout), and let releases"
                        + " meet only a share of the requests until they prove healthy: a canary whose analysis"
                        + " aborts on the error rate (Argo Rollouts) stops a bad version after its canary step.");
    }

    /**
     * The requests of stopped pods that a preStop sleep would not have saved: those the pod held
     * (in flight or queued) when its app stopped, cut off or reset. "" when there are none.
     */
    private static String cutOff(List<Diagnosis> ds) {
        long held = 0;
        Set<String> causes = new java.util.TreeSet<>();
        for (Diagnosis d : ds) {
            for (String cause : List.of("killed_in_flight", "reset_on_sigterm")) {
                long n = d.chain().byCause().getOrDefault(cause, 0L);
                held += n;
                if (n > 0) {
                    causes.add(cause);
                }
            }
        }
        if (held == 0) {
            return "";
        }
        return " The sleep would not have saved the " + count(held) + " request" + (held == 1 ? "" : "s")
                + " the pods held (in flight or queued) when their app stopped (" + String.join(", ", causes) + "):"
                + " for those, let the app finish what it holds on SIGTERM (graceful shutdown) within a"
                + " terminationGracePeriodSeconds longer than that.";
    }

    /**
     * Pods that got connections as soon as they were ready and failed them: refused while the app
     * was not listening yet (a pod with no readiness probe is Ready once its containers start,
     * k8s-semantics.md 4.1), or timed out and turned away while it warmed up.
     */
    private static List<String> warmUp(FailureRecords r, List<Diagnosis> ds, String failures) {
        String first = seconds(ds.stream().mapToDouble(d -> d.chain().last() - d.chain().first() + d.propagation())
                .max().orElse(0)) + " s";
        if (ds.stream().anyMatch(d -> d.chain().has("connection_refused"))) {
            return List.of("Cause: pods were ready before their app listened: " + pods(r, ds) + " got new"
                            + " connections as soon as they were ready and " + failures + " in their first " + first
                            + ". A refused connection from a running pod means its app was not accepting yet: with no"
                            + " readiness probe a pod is Ready as soon as its containers start.",
                    "Fix: a readiness probe on the app's port (tcpSocket, or httpGet on a health path) so that the"
                            + " pod turns Ready only once the app listens; if it also needs to warm up, let the probe"
                            + " pass only once it is warm.");
        }
        return List.of("Cause: readiness passed before the app had warmed up: " + pods(r, ds) + " got new"
                        + " connections as soon as they were ready and " + failures + " in their first " + first + ".",
                "Fix: let the readiness probe pass only once the app is warm (a /ready that checks"
                        + " warm-up, or initialDelaySeconds at least the warm-up time), or warm up before"
                        + " listening.");
    }

    /**
     * The stops' causes as one phrase: "the rollout of Deployment default/web", "the deletion by
     * StatefulSet default/db and the drain of node pool-1" (a cause recorded as "deleted by ..."
     * becomes "the deletion by ...").
     */
    private static String causes(Set<String> why) {
        List<String> phrases = new ArrayList<>();
        for (String w : why) {
            phrases.add("the " + (w.startsWith("deleted by ") ? "deletion by " + w.substring("deleted by ".length()) : w));
        }
        return Words.and(phrases);
    }

    private static List<String> allDown(FailureRecords r, List<Diagnosis> ds, String failures) {
        List<String> episodes = new ArrayList<>(); // each chain with no endpoint, in time order
        for (Diagnosis d : ds.stream().sorted(Comparator.comparingDouble(d -> d.chain().first())).toList()) {
            if (d.chain().pod().isEmpty()) {
                episodes.add("from " + ExplainTime.format(d.chain().first()) + " to " + ExplainTime.format(d.chain().last()));
            }
        }
        double start = ds.stream().mapToDouble(d -> d.chain().first()).min().orElse(0);
        Map<String, List<String>> stopped = r.terminatedBefore(start, OUTAGE_LOOKBACK);
        for (Diagnosis d : ds) {
            if (d.terminating() != null) {
                stopped.computeIfAbsent(d.terminating().path("facts").path("cause").asText(), k -> new ArrayList<>());
                List<String> pods = stopped.get(d.terminating().path("facts").path("cause").asText());
                String pod = r.podName(d.chain().pod());
                if (!pods.contains(pod)) {
                    pods.add(pod);
                }
            }
        }
        boolean oom = false;
        if (stopped.isEmpty()) {
            List<String> killed = r.podsWithEvent("OOMKilled", start - OUTAGE_LOOKBACK, start);
            if (!killed.isEmpty()) {
                stopped.put("OOM-killed", killed);
                oom = true;
            }
        }
        List<String> by = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : stopped.entrySet()) {
            by.add(e.getKey() + ": " + String.join(", ", e.getValue()));
        }
        String window = episodes.isEmpty() ? "" : "; the Service had no endpoint at all " + Words.and(episodes);
        JsonNode switched = r.serviceSwitch(start - OUTAGE_LOOKBACK, start);
        if (switched != null && stopped.isEmpty()) {
            // An Argo Rollout pointed the Service at a ReplicaSet whose pods were not ready yet.
            return List.of("Cause: the Rollout " + switched.path("object").asText().replaceFirst("^Rollout/[^/]*/", "")
                            + " pointed the Service at pods that were not ready (" + switched.path("message").asText()
                            + " at " + ExplainTime.format(switched.path("time").asDouble()) + ")" + window + ": "
                            + failures + ".",
                    "Fix: a blue-green preview Service selects the new version as soon as its ReplicaSet exists, so"
                            + " its requests find no endpoint until the new pods are ready, and none after an abort"
                            + " scales them away: send preview traffic (tests, smoke checks) only while the Rollout is"
                            + " paused for promotion.");
        }
        String cause = "Cause: every pod of the Service was down at once" + (by.isEmpty() ? "" : " (" + String.join("; ", by) + ")")
                + window + ": " + failures + ".";
        boolean drain = stopped.keySet().stream().anyMatch(k -> k.startsWith("drain") || k.equals("eviction"));
        boolean rollout = stopped.keySet().stream().anyMatch(k -> k.startsWith("rollout"));
        String fix;
        if (oom) {
            fix = "Fix: the containers run out of memory one after another: raise their memory limit above their"
                    + " peak usage under this load.";
        } else if (drain && onePod(stopped)) {
            // A budget cannot help a single replica: minAvailable 1 would block the drain for good.
            fix = "Fix: run two or more replicas on different nodes (topologySpreadConstraints or a pod"
                    + " anti-affinity) with a PodDisruptionBudget (minAvailable: 1): the drain then evicts them one"
                    + " at a time, each after its replacement is ready. With a single replica a budget cannot"
                    + " help: minAvailable: 1 would block the drain instead.";
        } else if (drain) {
            fix = "Fix: a PodDisruptionBudget (e.g. minAvailable: 1 less than the replicas) makes the drain evict"
                    + " the pods one at a time, each after its replacement is ready; also spread the replicas over"
                    + " nodes (topologySpreadConstraints).";
        } else if (rollout) {
            fix = "Fix: keep replicas available during the rollout (maxUnavailable 0 or a small one, with maxSurge"
                    + " for the new pods).";
        } else {
            fix = "Fix: keep at least one replica serving: more replicas, spread over nodes and zones, and a"
                    + " PodDisruptionBudget.";
        }
        return List.of(cause, fix);
    }

    /** Whether the pods stopped, whatever stopped them, are one pod: the Service's only replica. */
    private static boolean onePod(Map<String, List<String>> stopped) {
        java.util.Set<String> pods = new java.util.HashSet<>();
        stopped.values().forEach(pods::addAll);
        return pods.size() == 1;
    }

    private static List<String> evicted(FailureRecords r, List<Diagnosis> ds, String failures) {
        double grace = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Diagnosis d : ds) {
            grace = Math.max(grace, d.terminating().path("facts").path("gracePeriodSeconds").asDouble());
            min = Math.min(min, d.propagation());
            max = Math.max(max, d.propagation());
        }
        String range = seconds(min).equals(seconds(max)) ? seconds(max) + " s" : seconds(min) + " to " + seconds(max) + " s";
        return List.of(
                "Cause: the kubelet evicted " + pods(r, ds) + " because " + (ds.size() == 1 ? "its" : "their") + " node ran short (node-pressure eviction),"
                        + " with a grace period of " + seconds(grace) + " s, while the proxies still routed new"
                        + " connections to " + (ds.size() == 1 ? "it" : "them") + " for " + range + ": " + failures
                        + ". A preStop sleep cannot outlast that grace period.",
                "Fix: keep the node from running short: memory requests near each pod's real usage (the kubelet"
                        + " evicts pods using more than they request first) and a memory limit on whatever grows"
                        + " without bound.");
    }

    private static List<String> shutdown(FailureRecords r, List<Diagnosis> ds, String failures) {
        Set<String> causes = new LinkedHashSet<>();
        for (Diagnosis d : ds) {
            causes.addAll(d.chain().byCause().keySet());
        }
        String who = pods(r, ds);
        List<String> out = new ArrayList<>();
        out.add("Cause: " + who + " ended requests it held while stopping (" + ds.get(0).cause() + "): " + failures + ".");
        if (causes.contains("reset_on_sigterm")) {
            out.add("Fix: let the app finish the requests it holds on SIGTERM (graceful shutdown) instead of"
                    + " closing its connections.");
        } else {
            out.add("Fix: give the app time to finish what it holds: a terminationGracePeriodSeconds longer than its"
                    + " shutdown, and a shutdown that drains in-flight requests.");
        }
        return out;
    }

    private static String causes(List<Diagnosis> ds) {
        Map<String, Long> by = new LinkedHashMap<>();
        for (Diagnosis d : ds) {
            for (Map.Entry<String, Long> e : d.chain().byCause().entrySet()) {
                by.merge(e.getKey(), e.getValue(), Long::sum);
            }
        }
        if (by.size() == 1) {
            return "failed (" + by.keySet().iterator().next() + ")";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(by).entrySet()) {
            parts.add(count(e.getValue()) + " " + e.getKey());
        }
        return "failed (" + String.join(", ", parts) + ")";
    }

    private static String pods(FailureRecords r, List<Diagnosis> ds) {
        Set<String> names = new LinkedHashSet<>();
        for (Diagnosis d : ds) {
            names.add(r.podName(d.chain().pod()));
        }
        return (names.size() == 1 ? "pod " : "pods ") + String.join(", ", names);
    }

    private static Map<String, Object> facts(JsonNode decision) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", decision.path("kind").asText());
        out.put("source", decision.path("source").asText());
        out.put("object", decision.path("object").asText());
        decision.path("facts").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
