package io.kubesim.api;

import java.util.List;

/**
 * One ingress or egress rule: the peers it admits (empty: every peer) on the ports it lists
 * (empty: every port).
 */
public record NetworkPolicyRule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    public NetworkPolicyRule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }
}
