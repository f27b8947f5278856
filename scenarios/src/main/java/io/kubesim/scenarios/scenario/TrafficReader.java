package io.kubesim.scenarios.scenario;

import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.ArrivalSpecs;
import io.kubesim.traffic.EntryPoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code traffic}: the entry points where requests come in. Each names a loaded Service
 * (stored as {@code namespace/name}), the balancer that routes it ({@code service}: kube-proxy,
 * the default; {@code ingress}: an ingress controller) and how requests arrive.
 */
final class TrafficReader {
    /** More independent clients than this are better written as the default, a connection per request. */
    static final int MAX_CLIENTS = 100_000;

    private final WorkloadIndex services;
    private final ArrivalsReader arrivals;

    TrafficReader(WorkloadIndex services, ArrivalsReader arrivals) {
        this.services = services;
        this.arrivals = arrivals;
    }

    List<EntryPoint> read(ScenarioNode list) {
        if (!list.isPresent()) {
            return List.of();
        }
        List<EntryPoint> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ScenarioNode e : list.items()) {
            e.object("EntryPoint");
            ScenarioNode svc = e.required("service");
            String written = svc.nonEmptyText();
            String service = services.resolve(written, svc).key();
            ScenarioNode nameNode = e.get("name");
            String name = nameNode.isPresent() ? nameNode.nonEmptyText() : written;
            if (!names.add(name)) {
                throw (nameNode.isPresent() ? nameNode : svc).error("duplicate entry point name \"" + name + "\""
                        + (nameNode.isPresent() ? "" : "; give each entry point to this Service a name"));
            }
            String via = via(e.get("via"));
            boolean viaIngress = via.equals("ingress");
            boolean viaMesh = via.equals("mesh");
            ArrivalSpec spec = arrivals.read(e.required("arrivals"), e.get("poisson"));
            ScenarioNode startAt = e.get("startAt");
            if (startAt.isPresent()) {
                spec = ArrivalSpecs.delayed(spec, startAt.duration());
            }
            ScenarioNode retriesNode = e.get("retries");
            int retries = retriesNode.isPresent() ? retriesNode.intInRange(0, 10)
                    : viaIngress ? EntryPoint.DEFAULT_INGRESS_RETRIES : viaMesh ? EntryPoint.DEFAULT_MESH_RETRIES : 0;
            ScenarioNode timeoutNode = e.get("timeout");
            long timeout = timeoutNode.isPresent() ? timeoutNode.duration() : viaIngress ? EntryPoint.INGRESS_READ_TIMEOUT : 0;
            ScenarioNode lb = e.get("loadBalance");
            io.kubesim.traffic.LoadBalance loadBalance = null;
            if (lb.isPresent()) {
                if (!viaIngress) {
                    throw lb.errorAtKey("loadBalance applies to via: ingress only (kube-proxy picks per connection, a mesh"
                            + " by least request)");
                }
                loadBalance = io.kubesim.traffic.LoadBalance.of(lb.text());
                if (loadBalance == null || loadBalance == io.kubesim.traffic.LoadBalance.LEAST_REQUEST) {
                    throw lb.error("expected round_robin or ewma, got \"" + lb.text() + "\"");
                }
            }
            ScenarioNode clientsNode = e.get("clients");
            int clients = 1;
            if (clientsNode.isPresent()) {
                if (spec instanceof ArrivalSpec.ClosedLoop) {
                    throw clientsNode.errorAtKey("closed-loop users are a client each; leave clients out");
                }
                clients = clientsNode.intInRange(1, MAX_CLIENTS);
            }
            io.kubesim.app.ClientSpec base = spec instanceof ArrivalSpec.ClosedLoop
                    ? io.kubesim.app.ClientSpec.KEEP_ALIVE : io.kubesim.app.ClientSpec.OPEN_LOOP;
            ScenarioNode clientNode = e.get("client");
            io.kubesim.app.ClientSpec client = clientNode.isPresent() ? ClientReader.read(clientNode, base) : null;
            out.add(new EntryPoint(name, service, viaIngress, spec, retries, timeout, client, clients, viaMesh, loadBalance));
        }
        return out;
    }

    private static String via(ScenarioNode n) {
        if (!n.isPresent()) {
            return "service";
        }
        return switch (n.text()) {
            case "ingress", "service", "mesh" -> n.text();
            default -> throw n.error("expected service, ingress or mesh, got \"" + n.text() + "\"");
        };
    }
}
