package io.kubesim.traffic;

import io.kubesim.api.Container;
import io.kubesim.api.ContainerPort;
import io.kubesim.api.ServicePort;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.Service;
import java.util.HashMap;
import java.util.Map;

/**
 * The cluster network between a client and a pod, as the CNI enforces NetworkPolicies on it
 * (k8s-semantics.md 17.9): whether a new connection to the pod's target port gets through (a
 * dropped SYN looks like a vanished address: the client waits its connect timeout), and whether a
 * calling pod can resolve Service names at all (DNS to kube-dns on UDP 53). Decisions are cached
 * per client and pod: policies and pod labels do not change during a run.
 */
final class NetworkPath {
    /**
     * How long a name lookup takes to fail when DNS is blocked: glibc's resolver waits 5 s per try,
     * 2 tries, for each of the 4 names the ndots:5 search list makes of a Service name
     * ({@code NAME.NS.svc.cluster.local}, {@code NAME.svc.cluster.local}, {@code NAME.cluster.local},
     * {@code NAME}) (k8s-semantics.md 17.9).
     */
    static final long DNS_FAILURE = 4 * 2 * 5_000_000L;

    private final ClusterStore store;
    private final NetworkPolicies policies;
    private final Map<String, Boolean> admitted = new HashMap<>();
    /** The {@link #admitted} keys of each destination pod, by uid: let go when the pod leaves the store. */
    private final Map<String, java.util.List<String>> admittedByPod = new HashMap<>();
    private boolean following;
    private final Map<String, Boolean> resolves = new HashMap<>();

    NetworkPath(ClusterStore store, NetworkPolicies policies) {
        this.store = store;
        this.policies = policies;
    }

    boolean enforcing() {
        return !policies.isEmpty();
    }

    /** True when the policies let {@code c}'s new connection to the pod of {@code e} through. */
    boolean admits(ServiceClient c, Endpoint e) {
        return admits(c.source == null ? NetworkPolicies.Party.OUTSIDE : c.source, c.identity.address(), e,
                c.stats.key());
    }

    /**
     * True when the policies let a connection from {@code src} (identified by {@code srcId} for the
     * cache) to the pod of {@code e}, addressed to Service {@code serviceKey}, through.
     */
    boolean admits(NetworkPolicies.Party src, String srcId, Endpoint e, String serviceKey) {
        if (policies.isEmpty()) {
            return true;
        }
        String key = srcId + " " + e.podUid() + " " + serviceKey;
        Boolean cached = admitted.get(key);
        if (cached != null) {
            return cached;
        }
        Pod dst = store.pods().get(e.podKey());
        if (dst == null) {
            return true; // the pod is gone (a balancer not yet told): no policy to apply, nothing to keep
        }
        int[] port = {0};
        String[] name = {""};
        targetPort(store.services().get(serviceKey), dst, port, name);
        boolean ok = policies.allows(src, party(dst), port[0], name[0], "TCP");
        if (!dst.metadata().uid().equals(e.podUid())) {
            return ok; // a later pod of the same name (a StatefulSet's): judged by it, not kept for the old uid
        }
        admitted.put(key, ok);
        admittedByPod.computeIfAbsent(e.podUid(), k -> new java.util.ArrayList<>()).add(key);
        if (!following) {
            following = true;
            store.pods().observe((type, pod) -> {
                if (type == io.kubesim.cluster.WatchEventType.DELETED) {
                    java.util.List<String> keys = admittedByPod.remove(pod.metadata().uid());
                    if (keys != null) {
                        keys.forEach(admitted::remove);
                    }
                }
            });
        }
        return ok;
    }

    /** How many verdicts are kept (for tests: only for pods still stored). */
    int keptVerdicts() {
        return admitted.size();
    }

    /** True when the calling pod of {@code c} can resolve names (always for clients outside the cluster). */
    boolean resolves(ServiceClient c) {
        return c.source == null || resolves(c.source);
    }

    /** True when pods like {@code src} can resolve names. */
    boolean resolves(NetworkPolicies.Party src) {
        if (policies.isEmpty() || src == NetworkPolicies.Party.OUTSIDE) {
            return true;
        }
        return resolves.computeIfAbsent(src.namespace() + " " + src.labels(), k -> policies.allowsDns(src));
    }

    static NetworkPolicies.Party party(Pod p) {
        return new NetworkPolicies.Party(p.metadata().namespace(), p.metadata().labels());
    }

    /** The pod port a connection to the Service lands on: its first TCP port's targetPort, a name resolved in the pod. */
    private static void targetPort(Service s, Pod dst, int[] number, String[] name) {
        if (s == null) {
            return;
        }
        for (ServicePort sp : s.ports()) {
            if (!"TCP".equals(sp.protocol()) && sp.protocol() != null && !sp.protocol().isEmpty()) {
                continue;
            }
            String target = sp.targetPort() == null || sp.targetPort().isEmpty() ? Integer.toString(sp.port())
                    : sp.targetPort();
            if (target.chars().allMatch(Character::isDigit)) {
                number[0] = Integer.parseInt(target);
                for (Container c : dst.spec().containers()) {
                    for (ContainerPort cp : c.ports()) {
                        if (cp.containerPort() == number[0] && cp.name() != null) {
                            name[0] = cp.name();
                        }
                    }
                }
            } else {
                name[0] = target;
                for (Container c : dst.spec().containers()) {
                    for (ContainerPort cp : c.ports()) {
                        if (target.equals(cp.name())) {
                            number[0] = cp.containerPort();
                        }
                    }
                }
            }
            return;
        }
    }
}
