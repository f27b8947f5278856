package io.kubesim.controllers;

import io.kubesim.cluster.EndpointSlice;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one EndpointSlice reconcile changed for each pod of a Service, recorded for
 * {@code kubesim explain}: {@code EndpointAdded} (the pod entered the slices, ready or not),
 * {@code EndpointReady} (its endpoint became ready), {@code EndpointNotReady} (it stopped being
 * ready: readiness failed, or the pod is terminating, k8s-semantics.md 5) and
 * {@code EndpointRemoved} (it left the slices). Facts: service, ready, serving, terminating.
 */
final class EndpointChanges {
    static final String SOURCE = EndpointSliceController.SOURCE;
    private static final Comparator<EndpointSlice.Endpoint> BY_POD =
            Comparator.comparing(EndpointSlice.Endpoint::podName).thenComparing(EndpointSlice.Endpoint::podUid);

    private final DecisionRecorder decisions;

    EndpointChanges(DecisionRecorder decisions) {
        this.decisions = decisions;
    }

    boolean enabled() {
        return decisions.enabled();
    }

    /** The endpoints of these slices by pod uid. */
    static Map<String, EndpointSlice.Endpoint> of(List<EndpointSlice> slices) {
        Map<String, EndpointSlice.Endpoint> out = new HashMap<>();
        for (EndpointSlice s : slices) {
            for (EndpointSlice.Endpoint e : s.endpoints()) {
                out.put(e.podUid(), e);
            }
        }
        return out;
    }

    /** Records the difference between the Service's endpoints before and after a reconcile, by pod name. */
    void record(long now, String serviceKey, String namespace, Map<String, EndpointSlice.Endpoint> before,
                Map<String, EndpointSlice.Endpoint> after) {
        List<EndpointSlice.Endpoint> pods = new ArrayList<>(after.values());
        for (EndpointSlice.Endpoint e : before.values()) {
            if (!after.containsKey(e.podUid())) {
                pods.add(e);
            }
        }
        pods.sort(BY_POD);
        for (EndpointSlice.Endpoint e : pods) {
            EndpointSlice.Endpoint was = before.get(e.podUid());
            EndpointSlice.Endpoint is = after.get(e.podUid());
            if (was == null) {
                record(now, "EndpointAdded", serviceKey, namespace, e, "added to the endpoints of Service " + serviceKey
                        + (e.ready() ? " (ready)" : " (not ready)"));
            } else if (is == null) {
                record(now, "EndpointRemoved", serviceKey, namespace, null,
                        "removed from the endpoints of Service " + serviceKey, e);
            } else if (was.ready() != is.ready()) {
                record(now, is.ready() ? "EndpointReady" : "EndpointNotReady", serviceKey, namespace, is,
                        (is.ready() ? "ready" : "not ready") + " in the endpoints of Service " + serviceKey
                                + (is.terminating() ? " (terminating)" : is.serving() ? "" : " (not serving)"));
            }
        }
    }

    private void record(long now, String kind, String serviceKey, String namespace, EndpointSlice.Endpoint e,
                        String message) {
        record(now, kind, serviceKey, namespace, e, message, e);
    }

    /** @param e the endpoint now (null when removed); {@code pod} the endpoint that names the pod */
    private void record(long now, String kind, String serviceKey, String namespace, EndpointSlice.Endpoint e,
                        String message, EndpointSlice.Endpoint pod) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("service", serviceKey);
        facts.put("ready", e != null && e.ready());
        facts.put("serving", e != null && e.serving());
        facts.put("terminating", e != null ? e.terminating() : pod.terminating());
        facts.put("node", pod.nodeName());
        decisions.record(new Decision(now, SOURCE, kind, "Pod/" + namespace + "/" + pod.podName(),
                "Pod " + pod.podName() + " " + message, facts));
    }
}
