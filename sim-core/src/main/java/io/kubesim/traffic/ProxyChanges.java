package io.kubesim.traffic;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records when a load balancer applied an EndpointSlice change to its view of a Service, one
 * {@code ProxyUpdated} decision per pod whose endpoint changed (added, removed, ready, not ready),
 * with {@code delaySeconds}: how long after the slice change it took effect. This lag is the
 * window in which a terminating pod still gets new connections (k8s-semantics.md 5, 17.2).
 * kube-proxy's views are always recorded; an ingress's or a DNS view only once traffic uses it.
 */
final class ProxyChanges {
    private final DecisionRecorder decisions;

    ProxyChanges(DecisionRecorder decisions) {
        this.decisions = decisions;
    }

    /** Whether changes to this view are recorded. */
    boolean records(ServiceEndpointView v) {
        return v.balancer().equals(ProxyViews.KUBE_PROXY) || v.read();
    }

    /**
     * The view now holds the change that reached its balancer at {@code arrived}; {@code before}
     * is what it held until now.
     */
    void applied(ServiceEndpointView v, List<Endpoint> before, long arrived) {
        List<Endpoint> after = v.endpoints();
        if (before.equals(after)) {
            return;
        }
        Map<String, Endpoint> old = new HashMap<>();
        for (Endpoint e : before) {
            old.put(e.podUid(), e);
        }
        Map<String, Endpoint> now = new HashMap<>();
        for (Endpoint e : after) {
            now.put(e.podUid(), e);
        }
        // Both lists are ordered by pod, so the records are too.
        for (Endpoint e : after) {
            Endpoint was = old.get(e.podUid());
            if (was == null) {
                record(v, e, "added", arrived);
            } else if (was.ready() != e.ready()) {
                record(v, e, e.ready() ? "ready" : "not ready", arrived);
            }
        }
        for (Endpoint e : before) {
            if (!now.containsKey(e.podUid())) {
                record(v, e, "removed", arrived);
            }
        }
    }

    private void record(ServiceEndpointView v, Endpoint e, String change, long arrived) {
        long now = v.lastChanged();
        boolean removed = change.equals("removed");
        boolean routed = !removed && v.routable().contains(e);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("pod", e.podKey());
        facts.put("change", change);
        facts.put("delaySeconds", SimTime.toSeconds(now - arrived));
        facts.put("ready", !removed && e.ready());
        facts.put("serving", !removed && e.serving());
        facts.put("terminating", e.terminating());
        facts.put("routed", routed);
        decisions.record(new Decision(now, v.balancer(), "ProxyUpdated", "Service/" + v.serviceKey(),
                v.balancer() + " applied pod " + e.podKey() + " " + change + (routed ? " (routed to)" : " (not routed to)")
                        + ", " + String.format(java.util.Locale.ROOT, "%.1f", SimTime.toSeconds(now - arrived))
                        + " s after the EndpointSlice change",
                facts));
    }
}
