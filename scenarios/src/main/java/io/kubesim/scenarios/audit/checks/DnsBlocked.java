package io.kubesim.scenarios.audit.checks;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Drill;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import io.kubesim.traffic.NetworkPolicies;
import java.util.ArrayList;
import java.util.List;

/**
 * Pods isolated for egress may still reach the cluster DNS (kube-dns in kube-system, UDP 53),
 * judged by the same rules the simulation enforces (k8s-semantics.md 17.9).
 */
public final class DnsBlocked implements AuditCheck {
    private static final Rule RULE = new Rule("netpol-dns-blocked", AuditArea.NETWORK_POLICIES, Severity.HIGH,
            "Egress policies let pods resolve names",
            "Under a default-deny egress policy, name lookups to kube-dns (CoreDNS) are dropped unless a rule "
                    + "admits UDP (and TCP) 53 to its pods in kube-system. Every call by Service name then stalls on "
                    + "the resolver (5 s per try, several tries and search domains) and fails: the application is "
                    + "down although each path it uses is allowed. kubesim run shows it as dns_timeout.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        NetworkPolicies policies = NetworkPolicies.of(in.manifests());
        List<Finding> out = new ArrayList<>();
        if (policies.isEmpty()) {
            return out;
        }
        for (Workload w : in.workloads()) {
            NetworkPolicies.Party pods = new NetworkPolicies.Party(w.object().namespace(), w.labels());
            List<Manifest.NetworkPolicyManifest> isolating = policies.isolating(pods, true);
            if (isolating.isEmpty() || policies.allowsDns(pods)) {
                continue;
            }
            Manifest.NetworkPolicyManifest first = isolating.get(0);
            AuditObject policy = in.ofKind("NetworkPolicy").stream()
                    .filter(p -> p.namespace().equals(first.namespace()) && p.name().equals(first.name()))
                    .findFirst().orElse(w.object());
            String allowDns = "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: allow-dns, "
                    + "namespace: " + w.object().namespace() + "}, spec: {podSelector: {}, policyTypes: [Egress], egress: "
                    + "[{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: "
                    + "{matchLabels: {k8s-app: kube-dns}}}], ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}]}}";
            out.add(new Finding(RULE, w.ref(), policy.at(policy == w.object() ? "" : "/spec"),
                    "egress of its pods is isolated by NetworkPolicy " + first.name() + " and no rule admits DNS (UDP 53 "
                            + "to kube-dns in kube-system): every call it makes by Service name fails once the "
                            + "lookup times out",
                    allowDns, new Drill(Drill.Action.STEADY, w.key(), w.kind(), List.of(), allowDns,
                            "with the DNS rule")));
        }
        return out;
    }
}
