package io.kubesim.scenarios.audit.checks;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each namespace that runs workloads has a default-deny NetworkPolicy: one selecting every pod
 * ({@code podSelector: {}}) that isolates ingress, so every path in must be allowed on purpose.
 */
public final class NoDefaultDeny implements AuditCheck {
    private static final Rule RULE = new Rule("netpol-no-default-deny", AuditArea.NETWORK_POLICIES, Severity.MEDIUM,
            "Namespaces have a default-deny NetworkPolicy",
            "Without a policy every pod accepts connections from every pod of the cluster: one compromised or "
                    + "misbehaving workload anywhere reaches all of them. A default-deny policy (podSelector: {} "
                    + "with Ingress, and Egress for strict isolation) makes each allowed path explicit; the CNI must "
                    + "enforce NetworkPolicies for it to act. With egress denied, allow DNS to kube-dns.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        Map<String, Workload> firstByNamespace = new LinkedHashMap<>();
        for (Workload w : in.workloads()) {
            firstByNamespace.putIfAbsent(w.object().namespace(), w);
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, Workload> e : firstByNamespace.entrySet()) {
            String ns = e.getKey();
            boolean denied = in.manifests().stream().anyMatch(m -> m instanceof Manifest.NetworkPolicyManifest p
                    && p.namespace().equals(ns) && p.podSelector().isEmpty() && p.isolatesIngress());
            if (denied) {
                continue;
            }
            AuditObject at = in.ofKind("Namespace").stream().filter(n -> n.name().equals(ns)).findFirst()
                    .orElse(e.getValue().object());
            long count = in.workloads().stream().filter(w -> w.object().namespace().equals(ns)).count();
            out.add(finding(at, "/metadata", "namespace " + ns + " has no default-deny NetworkPolicy: every pod of "
                            + "the cluster may connect to its " + count + " workload" + (count == 1 ? "" : "s"),
                    "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: default-deny, namespace: "
                            + ns + "}, spec: {podSelector: {}, policyTypes: [Ingress]}}, then a policy allowing each "
                            + "path in"));
        }
        return out;
    }
}
