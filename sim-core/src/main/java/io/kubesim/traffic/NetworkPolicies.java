package io.kubesim.traffic;

import io.kubesim.api.Manifest;
import io.kubesim.api.NetworkPolicyPeer;
import io.kubesim.api.NetworkPolicyPort;
import io.kubesim.api.NetworkPolicyRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cluster's NetworkPolicies let through (k8s-semantics.md 17.9): a pod selected by no
 * policy of a direction is open in it; once selected by a policy that isolates the direction, only
 * what some rule of those policies admits passes (the union, no order, no deny rules). A
 * connection needs egress at its source and ingress at its destination.
 *
 * <p>Namespaces carry the label {@code kubernetes.io/metadata.name} (set by the API server) and the
 * labels of the Namespace objects in the manifests. An ipBlock peer stands for addresses outside
 * the cluster: it admits outside clients and matches no pod, except for DNS, where a rule admitting
 * port 53 to an ipBlock is taken to cover the DNS pods' addresses.
 */
public final class NetworkPolicies {
    /** No policy: everything passes. */
    public static final NetworkPolicies NONE = new NetworkPolicies(List.of(), Map.of());
    /** The cluster DNS pods (CoreDNS keeps kube-dns's label), as name lookups reach them. */
    public static final Party KUBE_DNS = new Party("kube-system", Map.of("k8s-app", "kube-dns"));
    private static final String NAME_LABEL = "kubernetes.io/metadata.name";

    /** A pod as policies see it: its namespace and labels; {@link #OUTSIDE} for a client outside the cluster. */
    public record Party(String namespace, Map<String, String> labels) {
        public static final Party OUTSIDE = new Party("", Map.of());
    }

    private final List<Manifest.NetworkPolicyManifest> policies;
    private final Map<String, Map<String, String>> namespaceLabels;

    /** @param namespaceLabels the labels of the Namespace objects written in the manifests, by name */
    public NetworkPolicies(List<Manifest.NetworkPolicyManifest> policies, Map<String, Map<String, String>> namespaceLabels) {
        this.policies = List.copyOf(policies);
        this.namespaceLabels = new HashMap<>(namespaceLabels);
    }

    /** The policies of {@code manifests}, with the labels of its Namespaces. */
    public static NetworkPolicies of(List<Manifest> manifests) {
        List<Manifest.NetworkPolicyManifest> ps = new java.util.ArrayList<>();
        Map<String, Map<String, String>> ns = new HashMap<>();
        for (Manifest m : manifests) {
            if (m instanceof Manifest.NetworkPolicyManifest p) {
                ps.add(p);
            } else if (m instanceof Manifest.NamespaceManifest n) {
                ns.put(n.name(), n.labels());
            }
        }
        return ps.isEmpty() ? NONE : new NetworkPolicies(ps, ns);
    }

    public boolean isEmpty() {
        return policies.isEmpty();
    }

    /** True when a connection from {@code src} to {@code dst}'s port (number, or its container port's name) passes. */
    public boolean allows(Party src, Party dst, int port, String portName, String protocol) {
        return (src == Party.OUTSIDE || egressAllows(src, dst, port, portName, protocol, false))
                && ingressAllows(dst, src, port, portName, protocol);
    }

    /** True when {@code src} may send name lookups to the cluster DNS (UDP 53). */
    public boolean allowsDns(Party src) {
        return egressAllows(src, KUBE_DNS, 53, "dns", "UDP", true);
    }

    /** The policies that isolate {@code p} for egress (or ingress), in input order. */
    public List<Manifest.NetworkPolicyManifest> isolating(Party p, boolean egress) {
        return policies.stream().filter(x -> (egress ? x.isolatesEgress() : x.isolatesIngress()) && selects(x, p))
                .toList();
    }

    private boolean egressAllows(Party src, Party dst, int port, String portName, String protocol, boolean dns) {
        List<Manifest.NetworkPolicyManifest> isolating = isolating(src, true);
        if (isolating.isEmpty()) {
            return true;
        }
        for (Manifest.NetworkPolicyManifest p : isolating) {
            for (NetworkPolicyRule r : p.egress()) {
                if (admits(r, p.namespace(), dst, port, portName, protocol, dns)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean ingressAllows(Party dst, Party src, int port, String portName, String protocol) {
        List<Manifest.NetworkPolicyManifest> isolating = isolating(dst, false);
        if (isolating.isEmpty()) {
            return true;
        }
        for (Manifest.NetworkPolicyManifest p : isolating) {
            for (NetworkPolicyRule r : p.ingress()) {
                if (admits(r, p.namespace(), src, port, portName, protocol, false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean admits(NetworkPolicyRule r, String policyNamespace, Party peer, int port, String portName,
                           String protocol, boolean ipBlockCoversPods) {
        boolean portOk = r.ports().isEmpty();
        for (NetworkPolicyPort p : r.ports()) {
            portOk |= p.admits(port, portName, protocol);
        }
        if (!portOk) {
            return false;
        }
        if (r.peers().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer x : r.peers()) {
            if (matches(x, policyNamespace, peer, ipBlockCoversPods)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(NetworkPolicyPeer x, String policyNamespace, Party peer, boolean ipBlockCoversPods) {
        if (x.ipBlock() != null) {
            return peer == Party.OUTSIDE || ipBlockCoversPods;
        }
        if (peer == Party.OUTSIDE) {
            return false;
        }
        boolean namespaceOk = x.namespaceSelector() == null ? peer.namespace().equals(policyNamespace)
                : x.namespaceSelector().matches(labelsOf(peer.namespace()));
        return namespaceOk && (x.podSelector() == null || x.podSelector().matches(peer.labels()));
    }

    private boolean selects(Manifest.NetworkPolicyManifest p, Party pod) {
        return pod != Party.OUTSIDE && p.namespace().equals(pod.namespace()) && p.podSelector().matches(pod.labels());
    }

    private Map<String, String> labelsOf(String namespace) {
        Map<String, String> l = new HashMap<>(namespaceLabels.getOrDefault(namespace, Map.of()));
        l.put(NAME_LABEL, namespace);
        return l;
    }
}
