package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Manifest;
import io.kubesim.api.NetworkPolicyPort;
import io.kubesim.scenarios.InputException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NetworkPolicies as the loader reads them: policyTypes defaulting and validation (k8s-semantics.md 17.9, 16.3). */
class NetworkPolicyManifestsTest {
    private static Manifest.NetworkPolicyManifest read(String spec) {
        List<Manifest> ms = new ManifestLoader().loadText("np.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                %s
                """.formatted(spec.indent(2).stripTrailing())).value();
        return (Manifest.NetworkPolicyManifest) ms.get(0);
    }

    @Test
    @DisplayName("policyTypes unset: Ingress always, Egress only with egress rules, so an egress-only policy also isolates ingress")
    void policyTypesDefault() {
        Manifest.NetworkPolicyManifest ingressOnly = read("podSelector: {}");
        assertTrue(ingressOnly.isolatesIngress());
        assertFalse(ingressOnly.isolatesEgress());
        Manifest.NetworkPolicyManifest withEgress = read("podSelector: {}\negress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]");
        assertTrue(withEgress.isolatesIngress(), "the common surprise");
        assertTrue(withEgress.isolatesEgress());
        Manifest.NetworkPolicyManifest egressOnly = read("podSelector: {}\npolicyTypes: [Egress]");
        assertFalse(egressOnly.isolatesIngress());
        assertTrue(egressOnly.isolatesEgress());
        assertTrue(egressOnly.egress().isEmpty(), "no rule: all egress denied");
    }

    @Test
    @DisplayName("peers and ports: a peer without selectors is refused; ports default to TCP, names and ranges kept")
    void peersAndPorts() {
        Manifest.NetworkPolicyManifest p = read("""
                podSelector: {matchLabels: {app: api}}
                ingress:
                  - from: [{namespaceSelector: {matchLabels: {team: web}}, podSelector: {matchLabels: {app: web}}}, {ipBlock: {cidr: 10.0.0.0/8}}]
                    ports: [{port: 8080}, {port: http}, {port: 9000, endPort: 9100, protocol: UDP}]
                """);
        var rule = p.ingress().get(0);
        assertEquals(2, rule.peers().size());
        assertEquals("web", rule.peers().get(0).namespaceSelector().matchLabels().get("team"));
        assertNull(rule.peers().get(1).podSelector());
        assertEquals("10.0.0.0/8", rule.peers().get(1).ipBlock());
        assertEquals(List.of(new NetworkPolicyPort("TCP", 8080, "", 0), new NetworkPolicyPort("TCP", 0, "http", 0),
                new NetworkPolicyPort("UDP", 9000, "", 9100)), rule.ports());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "policyTypes: [Ingress, Sideways]                                    | np.yaml:6:26: expected Ingress or Egress, got \"Sideways\"",
        "ingress: [{ports: [{port: 80, protocol: HTTP}]}]                   | np.yaml:6:43: expected TCP, UDP or SCTP, got \"HTTP\"",
        "ingress: [{ports: [{port: http, endPort: 90}]}]                    | np.yaml:6:44: endPort needs a numeric port",
        "ingress: [{ports: [{port: 90, endPort: 80}]}]                      | np.yaml:6:42: must be greater than or equal to port (90), got 80",
        "ingress: [{from: [{}]}]                                            | np.yaml:6:21: a peer needs a podSelector, a namespaceSelector or an ipBlock",
        "ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}] | np.yaml:6:21: ipBlock may not be combined with podSelector or namespaceSelector",
    })
    void validation(String rule, String message) {
        InputException e = assertThrows(InputException.class, () -> read("podSelector: {}\n" + rule));
        assertEquals(message, e.errors().get(0).format());
    }
}
