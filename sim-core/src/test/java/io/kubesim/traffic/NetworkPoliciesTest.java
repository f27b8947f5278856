package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.NetworkPolicyPeer;
import io.kubesim.api.NetworkPolicyPort;
import io.kubesim.api.NetworkPolicyRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What NetworkPolicies let through, rule by rule as k8s-semantics.md 17.9 states them. */
class NetworkPoliciesTest {
    private static final NetworkPolicies.Party WEB = new NetworkPolicies.Party("shop", Map.of("app", "web"));
    private static final NetworkPolicies.Party API = new NetworkPolicies.Party("shop", Map.of("app", "api"));
    private static final NetworkPolicies.Party JOB = new NetworkPolicies.Party("batch", Map.of("app", "job"));

    private static Manifest.NetworkPolicyManifest policy(String ns, LabelSelector pods, boolean in, boolean out,
                                                         List<NetworkPolicyRule> ingress, List<NetworkPolicyRule> egress) {
        return new Manifest.NetworkPolicyManifest(ns, "p", Map.of(), pods, in, out, ingress, egress,
                Manifest.Origin.UNKNOWN);
    }

    private static LabelSelector app(String a) {
        return LabelSelector.of(Map.of("app", a));
    }

    private static NetworkPolicyRule from(NetworkPolicyPeer peer, NetworkPolicyPort... ports) {
        return new NetworkPolicyRule(peer == null ? List.of() : List.of(peer), List.of(ports));
    }

    private static NetworkPolicyPort tcp(int port) {
        return new NetworkPolicyPort("TCP", port, "", 0);
    }

    private static NetworkPolicies of(Manifest.NetworkPolicyManifest... ps) {
        return new NetworkPolicies(List.of(ps), Map.of("batch", Map.of("team", "data")));
    }

    @Test
    @DisplayName("a pod selected by no policy is open both ways")
    void defaultAllow() {
        assertTrue(NetworkPolicies.NONE.allows(WEB, API, 8080, "", "TCP"));
        assertTrue(of(policy("shop", app("web"), true, false, List.of(), List.of())).allows(WEB, API, 8080, "", "TCP"),
                "a policy on web isolates web's ingress only");
    }

    @Test
    @DisplayName("isolated for ingress with no rule: everything is dropped, from inside and outside")
    void defaultDenyIngress() {
        NetworkPolicies p = of(policy("shop", LabelSelector.EVERYTHING, true, false, List.of(), List.of()));
        assertFalse(p.allows(WEB, API, 8080, "", "TCP"));
        assertFalse(p.allows(NetworkPolicies.Party.OUTSIDE, API, 8080, "", "TCP"));
        assertTrue(p.allows(API, JOB, 8080, "", "TCP"), "batch is not selected");
    }

    @Test
    @DisplayName("the allowed set is the union of every rule of every policy selecting the pod")
    void unionOfRules() {
        NetworkPolicies p = of(policy("shop", app("api"), true, false, List.of(), List.of()),
                policy("shop", app("api"), true, false, List.of(from(new NetworkPolicyPeer(app("web"), null, null))),
                        List.of()));
        assertTrue(p.allows(WEB, API, 8080, "", "TCP"));
        assertFalse(p.allows(new NetworkPolicies.Party("shop", Map.of("app", "other")), API, 8080, "", "TCP"));
    }

    @Test
    @DisplayName("a podSelector alone means the policy's namespace; with a namespaceSelector in one entry both must match")
    void peersAndNamespaces() {
        NetworkPolicies podOnly = of(policy("shop", app("api"), true, false,
                List.of(from(new NetworkPolicyPeer(app("job"), null, null))), List.of()));
        assertFalse(podOnly.allows(JOB, API, 8080, "", "TCP"), "app=job in another namespace");
        NetworkPolicies both = of(policy("shop", app("api"), true, false,
                List.of(from(new NetworkPolicyPeer(app("job"), LabelSelector.of(Map.of("team", "data")), null))),
                List.of()));
        assertTrue(both.allows(JOB, API, 8080, "", "TCP"));
        NetworkPolicies byName = of(policy("shop", app("api"), true, false, List.of(from(new NetworkPolicyPeer(null,
                LabelSelector.of(Map.of("kubernetes.io/metadata.name", "batch")), null))), List.of()));
        assertTrue(byName.allows(JOB, API, 8080, "", "TCP"), "every namespace has its name label");
        assertFalse(byName.allows(WEB, API, 8080, "", "TCP"));
    }

    @Test
    @DisplayName("ports: a number, a range with endPort, a named container port; TCP unless said otherwise")
    void ports() {
        NetworkPolicies p = of(policy("shop", app("api"), true, false, List.of(
                from(null, new NetworkPolicyPort("TCP", 9000, "", 9100)),
                from(null, new NetworkPolicyPort("TCP", 0, "http", 0))), List.of()));
        assertTrue(p.allows(WEB, API, 9050, "", "TCP"));
        assertFalse(p.allows(WEB, API, 9101, "", "TCP"));
        assertTrue(p.allows(WEB, API, 8080, "http", "TCP"), "the pod's port named http");
        assertFalse(p.allows(WEB, API, 8080, "metrics", "TCP"));
        assertFalse(p.allows(WEB, API, 9050, "", "UDP"));
    }

    @Test
    @DisplayName("a connection needs egress at its source and ingress at its destination")
    void bothDirections() {
        NetworkPolicies egressOnly = of(policy("shop", app("web"), false, true,
                List.of(), List.of(from(new NetworkPolicyPeer(app("db"), null, null)))));
        assertFalse(egressOnly.allows(WEB, API, 8080, "", "TCP"), "web may only reach db");
        NetworkPolicies both = of(
                policy("shop", app("web"), false, true, List.of(), List.of(from(new NetworkPolicyPeer(app("api"), null, null)))),
                policy("shop", app("api"), true, false, List.of(), List.of()));
        assertFalse(both.allows(WEB, API, 8080, "", "TCP"), "web may send, api does not accept");
    }

    @Test
    @DisplayName("outside clients pass a rule with no peers or an ipBlock; an ipBlock matches no pod")
    void outside() {
        NetworkPolicies open = of(policy("shop", app("api"), true, false, List.of(from(null, tcp(8080))), List.of()));
        assertTrue(open.allows(NetworkPolicies.Party.OUTSIDE, API, 8080, "", "TCP"));
        NetworkPolicies block = of(policy("shop", app("api"), true, false,
                List.of(from(new NetworkPolicyPeer(null, null, "0.0.0.0/0"))), List.of()));
        assertTrue(block.allows(NetworkPolicies.Party.OUTSIDE, API, 8080, "", "TCP"));
        assertFalse(block.allows(WEB, API, 8080, "", "TCP"));
    }

    @Test
    @DisplayName("DNS under default-deny egress needs a rule to kube-dns in kube-system on UDP 53")
    void dns() {
        Manifest.NetworkPolicyManifest denyAll = policy("shop", LabelSelector.EVERYTHING, false, true, List.of(), List.of());
        assertFalse(of(denyAll).allowsDns(WEB));
        assertTrue(of(denyAll).allowsDns(JOB), "batch is not isolated");
        NetworkPolicyPeer kubeDns = new NetworkPolicyPeer(LabelSelector.of(Map.of("k8s-app", "kube-dns")),
                LabelSelector.of(Map.of("kubernetes.io/metadata.name", "kube-system")), null);
        assertTrue(of(denyAll, policy("shop", LabelSelector.EVERYTHING, false, true, List.of(),
                List.of(from(kubeDns, new NetworkPolicyPort("UDP", 53, "", 0)))) ).allowsDns(WEB));
        assertFalse(of(denyAll, policy("shop", LabelSelector.EVERYTHING, false, true, List.of(),
                List.of(from(kubeDns, tcp(53))))).allowsDns(WEB), "TCP alone: lookups go over UDP first");
        assertFalse(of(denyAll, policy("shop", LabelSelector.EVERYTHING, false, true, List.of(),
                List.of(from(new NetworkPolicyPeer(app("kube-dns"), null, null), new NetworkPolicyPort("UDP", 53, "", 0)))))
                .allowsDns(WEB), "a podSelector alone means namespace shop, not kube-system");
    }
}
