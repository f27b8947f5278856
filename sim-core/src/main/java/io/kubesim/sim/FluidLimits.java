package io.kubesim.sim;

import io.kubesim.api.Manifest;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ClientSpec;
import io.kubesim.app.ServingModel;
import io.kubesim.traffic.EntryPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a scenario asks of the traffic that the fluid mode does not model: it balances every
 * request over the endpoints and counts each failure when the request arrives, so client retries,
 * connect and per-try timeouts, HTTP/2 connections, a server's max connection age and ClientIP
 * session affinity play no part in a fluid run. (Kept-alive HTTP/1.1 pools, every call's default,
 * are not listed: the fluid mode's per-request balancing is their average.)
 */
public final class FluidLimits {
    private FluidLimits() {
    }

    /**
     * One line per setting the fluid mode would ignore, naming where the scenario sets it, in
     * scenario order (entry points, then applications by name, then Services); empty when none.
     */
    public static List<String> unmodelled(SimulationSpec spec) {
        List<String> out = new ArrayList<>();
        for (EntryPoint e : spec.traffic()) {
            if (e.client() != null) {
                describe(e.client(), "traffic entry point " + e.name(), out);
            }
            if (e.viaMesh()) {
                out.add("traffic entry point " + e.name() + ": via mesh (balanced evenly, retried on the next pod at once,"
                        + " failures counted with their causes' statuses, no response flags)");
            }
        }
        for (Map.Entry<String, ApplicationModel> a : new java.util.TreeMap<>(spec.applications()).entrySet()) {
            ServingModel s = a.getValue().serving();
            if (s.maxConnectionAge() > 0) {
                out.add("applications." + a.getKey() + ".serving.maxConnectionAge");
            }
            for (ServingModel.Call c : s.calls()) {
                describe(c.client(), "applications." + a.getKey() + " calls to " + c.service(), out);
                if (c.viaMesh()) {
                    out.add("applications." + a.getKey() + " calls to " + c.service() + ": via mesh (routed as through"
                            + " kube-proxy)");
                }
            }
        }
        for (Manifest m : spec.manifests()) {
            if (m instanceof Manifest.ServiceManifest svc && svc.clientIpAffinitySeconds() > 0) {
                out.add("Service " + svc.namespace() + "/" + svc.name() + " sessionAffinity: ClientIP");
            }

        }
        return out;
    }

    private static void describe(ClientSpec c, String where, List<String> out) {
        List<String> what = new ArrayList<>();
        if (c.retry().retries() > 0) {
            what.add("retries");
        }
        if (c.retry().perTryTimeout() > 0) {
            what.add("perTryTimeout");
        }
        if (c.connectTimeout() > 0) {
            what.add("connectTimeout");
        }
        if (c.connections() == ClientSpec.Connections.MULTIPLEXED) {
            what.add("connections: http2");
        }
        if (!what.isEmpty()) {
            out.add(where + ": client " + String.join(", ", what));
        }
    }
}
