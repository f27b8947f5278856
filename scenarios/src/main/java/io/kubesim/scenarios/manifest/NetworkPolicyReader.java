package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.NetworkPolicyPeer;
import io.kubesim.api.NetworkPolicyPort;
import io.kubesim.api.NetworkPolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a NetworkPolicy (networking.k8s.io/v1): policyTypes defaulted as the API server does
 * (Ingress, plus Egress when there are egress rules; k8s-semantics.md 17.9), ports with TCP as
 * their default protocol, and the API server's checks on what it validates (policyTypes values,
 * protocols, port ranges, endPort only with a numeric port at or above it).
 */
final class NetworkPolicyReader {
    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

    private NetworkPolicyReader() {
    }

    static Manifest.NetworkPolicyManifest read(ObjectContext ctx, NetworkPolicy np, ObjectMetaReader.Meta meta) {
        NetworkPolicySpec spec = np.getSpec();
        if (spec == null) {
            throw ctx.errorAtKey("", "a NetworkPolicy needs a spec with a podSelector");
        }
        LabelSelector pods = spec.getPodSelector() == null ? LabelSelector.EVERYTHING
                : SelectorReader.labelSelector(ctx, "/spec/podSelector", spec.getPodSelector());
        List<NetworkPolicyRule> ingress = new ArrayList<>();
        List<NetworkPolicyIngressRule> in = spec.getIngress() == null ? List.of() : spec.getIngress();
        for (int i = 0; i < in.size(); i++) {
            String at = "/spec/ingress/" + i;
            ingress.add(new NetworkPolicyRule(peers(ctx, at + "/from", in.get(i).getFrom()),
                    ports(ctx, at + "/ports", in.get(i).getPorts())));
        }
        List<NetworkPolicyRule> egress = new ArrayList<>();
        List<NetworkPolicyEgressRule> out = spec.getEgress() == null ? List.of() : spec.getEgress();
        for (int i = 0; i < out.size(); i++) {
            String at = "/spec/egress/" + i;
            egress.add(new NetworkPolicyRule(peers(ctx, at + "/to", out.get(i).getTo()),
                    ports(ctx, at + "/ports", out.get(i).getPorts())));
        }
        boolean isolatesIngress;
        boolean isolatesEgress;
        List<String> types = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
        if (types.isEmpty()) {
            isolatesIngress = true;
            isolatesEgress = !egress.isEmpty();
        } else {
            for (int i = 0; i < types.size(); i++) {
                if (!types.get(i).equals("Ingress") && !types.get(i).equals("Egress")) {
                    throw ctx.error("/spec/policyTypes/" + i, "expected Ingress or Egress, got \"" + types.get(i) + "\"");
                }
            }
            isolatesIngress = types.contains("Ingress");
            isolatesEgress = types.contains("Egress");
        }
        return new Manifest.NetworkPolicyManifest(meta.namespace(), meta.name(), meta.labels(), pods, isolatesIngress,
                isolatesEgress, ingress, egress, ctx.origin());
    }

    private static List<NetworkPolicyPeer> peers(ObjectContext ctx, String at,
                                                 List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer> ps) {
        List<NetworkPolicyPeer> out = new ArrayList<>();
        if (ps == null) {
            return out;
        }
        for (int i = 0; i < ps.size(); i++) {
            var p = ps.get(i);
            String here = at + "/" + i;
            if (p.getIpBlock() != null) {
                if (p.getPodSelector() != null || p.getNamespaceSelector() != null) {
                    throw ctx.error(here, "ipBlock may not be combined with podSelector or namespaceSelector");
                }
                String cidr = p.getIpBlock().getCidr();
                if (cidr == null || !cidr.contains("/")) {
                    throw ctx.error(here + "/ipBlock/cidr", "expected a CIDR such as 10.0.0.0/8, got "
                            + (cidr == null ? "nothing" : "\"" + cidr + "\""));
                }
                out.add(new NetworkPolicyPeer(null, null, cidr));
                continue;
            }
            if (p.getPodSelector() == null && p.getNamespaceSelector() == null) {
                throw ctx.error(here, "a peer needs a podSelector, a namespaceSelector or an ipBlock");
            }
            out.add(new NetworkPolicyPeer(
                    p.getPodSelector() == null ? null
                            : SelectorReader.labelSelector(ctx, here + "/podSelector", p.getPodSelector()),
                    p.getNamespaceSelector() == null ? null
                            : SelectorReader.labelSelector(ctx, here + "/namespaceSelector", p.getNamespaceSelector()),
                    null));
        }
        return out;
    }

    private static List<NetworkPolicyPort> ports(ObjectContext ctx, String at,
                                                 List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort> ps) {
        List<NetworkPolicyPort> out = new ArrayList<>();
        if (ps == null) {
            return out;
        }
        for (int i = 0; i < ps.size(); i++) {
            var p = ps.get(i);
            String here = at + "/" + i;
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!PROTOCOLS.contains(protocol)) {
                throw ctx.error(here + "/protocol", "expected TCP, UDP or SCTP, got \"" + protocol + "\"");
            }
            IntOrString port = p.getPort();
            int number = 0;
            String name = "";
            if (port != null && port.getIntVal() != null) {
                number = port.getIntVal();
                if (number < 1 || number > 65535) {
                    throw ctx.error(here + "/port", "must be between 1 and 65535, inclusive, got " + number);
                }
            } else if (port != null && port.getStrVal() != null) {
                name = port.getStrVal();
                String problem = ServiceReader.portNameProblem(name);
                if (problem != null) {
                    throw ctx.error(here + "/port", problem + ", got \"" + name + "\"");
                }
            }
            int end = p.getEndPort() == null ? 0 : p.getEndPort();
            if (end != 0 && (number == 0 || end < number)) {
                throw ctx.error(here + "/endPort", number == 0 ? "endPort needs a numeric port"
                        : "must be greater than or equal to port (" + number + "), got " + end);
            }
            out.add(new NetworkPolicyPort(protocol, number, name, end));
        }
        return out;
    }
}
