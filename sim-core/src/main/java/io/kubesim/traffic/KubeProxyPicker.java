package io.kubesim.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * kube-proxy's choice of a backend for a new connection to one Service (k8s-semantics.md 17.1,
 * 17.3): iptables and nftables at random, 1/n each; IPVS round robin with a pointer per node, or
 * least connections. With {@code sessionAffinity: ClientIP} a client address keeps its endpoint
 * for {@code affinityTimeout} after its last connection, remembered per node; if that endpoint is
 * no longer routable the client is balanced afresh.
 */
final class KubeProxyPicker implements EndpointPicker {
    private final ProxyMode mode;
    private final RandomGenerator rng;
    private final ToIntFunction<String> connectionsOf;
    private final long affinityTimeout;
    private final io.kubesim.engine.Simulation sim;
    private final Map<String, int[]> roundRobin = new HashMap<>();
    private int tieBreak;
    private final Map<String, Map<String, Sticky>> affinity;

    /**
     * @param connectionsOf   a pod uid's active connections (IPVS {@code lc})
     * @param affinityTimeout ClientIP affinity's timeout, or 0 for {@code sessionAffinity: None}
     */
    KubeProxyPicker(io.kubesim.engine.Simulation sim, ProxyMode mode, RandomGenerator rng,
                    ToIntFunction<String> connectionsOf, long affinityTimeout) {
        this.sim = sim;
        this.mode = mode;
        this.rng = rng;
        this.connectionsOf = connectionsOf;
        this.affinityTimeout = affinityTimeout;
        this.affinity = affinityTimeout > 0 ? new HashMap<>() : null;
    }

    @Override
    public Endpoint pick(List<Endpoint> routable, ClientIdentity client, String avoid) {
        if (affinity == null) {
            return balance(routable, client);
        }
        long now = sim.now();
        Map<String, Sticky> table = affinity.computeIfAbsent(client.node(), k -> new HashMap<>());
        Sticky s = table.get(client.address());
        if (s != null && now - s.lastUsed <= affinityTimeout) {
            for (Endpoint e : routable) {
                if (e.podUid().equals(s.podUid)) {
                    s.lastUsed = now;
                    return e;
                }
            }
        }
        Endpoint e = balance(routable, client);
        if (s == null) {
            table.put(client.address(), new Sticky(e.podUid(), now));
        } else {
            s.podUid = e.podUid();
            s.lastUsed = now;
        }
        return e;
    }

    private Endpoint balance(List<Endpoint> routable, ClientIdentity client) {
        int n = routable.size();
        return switch (mode) {
            case IPTABLES, NFTABLES -> routable.get(n == 1 ? 0 : rng.nextInt(n));
            case IPVS_RR -> routable.get(Math.floorMod(roundRobin.computeIfAbsent(client.node(), k -> new int[1])[0]++, n));
            case IPVS_LC -> leastConnections(routable);
        };
    }

    /**
     * An endpoint with the fewest active connections, as IPVS's lc picks. IPVS also weighs the
     * connections that closed recently (inactive, in TIME_WAIT), which spreads new connections
     * among pods with none active; kubesim does not keep those, and breaks ties in turn instead.
     */
    private Endpoint leastConnections(List<Endpoint> routable) {
        int n = routable.size();
        int start = Math.floorMod(tieBreak++, n);
        Endpoint best = null;
        int fewest = Integer.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            Endpoint e = routable.get((start + k) % n);
            int c = connectionsOf.applyAsInt(e.podUid());
            if (c < fewest) {
                fewest = c;
                best = e;
            }
        }
        return best;
    }

    private static final class Sticky {
        String podUid;
        long lastUsed;

        Sticky(String podUid, long lastUsed) {
            this.podUid = podUid;
            this.lastUsed = lastUsed;
        }
    }
}
