package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import java.util.ArrayList;
import java.util.List;

/** No role bound to a ServiceAccount allows every verb or every resource ({@code "*"}). */
public final class WildcardRole implements AuditCheck {
    private static final Rule RULE = new Rule("rbac-wildcard", AuditArea.RBAC, Severity.HIGH,
            "Roles bound to service accounts name their verbs and resources",
            "A rule with \"*\" in verbs or resources grants what exists today and whatever is added later "
                    + "(new resources, subresources such as pods/exec, custom resources). Bound to a workload's "
                    + "service account (cluster-wide through a ClusterRoleBinding), it gives its pods far more than "
                    + "the workload uses. List the resources and verbs instead.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (RbacBindings.Grant g : RbacBindings.serviceAccountGrants(in)) {
            if (g.role().equals("cluster-admin")) {
                continue; // rbac-cluster-admin says it
            }
            AuditObject role = role(in, g);
            if (role == null) {
                continue;
            }
            JsonNode rules = role.path("/rules");
            for (int i = 0; i < rules.size(); i++) {
                boolean verbs = contains(rules.get(i).path("verbs"), "*");
                boolean resources = contains(rules.get(i).path("resources"), "*");
                if (!verbs && !resources) {
                    continue;
                }
                String what = verbs && resources ? "every verb on every resource" : verbs ? "every verb" : "every resource";
                String scope = g.binding().kind().equals("ClusterRoleBinding") ? " in every namespace" : " in namespace "
                        + g.binding().namespace();
                out.add(finding(g.binding(), g.subjectPointer(), role.kind() + " " + role.name() + " allows " + what
                                + " (rule " + i + ")" + scope + " to ServiceAccount " + g.namespace() + "/"
                                + g.account() + RbacBindings.usedBy(in, g),
                        "list the verbs and resources the workload uses in " + role.kind() + " " + role.name()
                                + " (rules[" + i + "])"));
                break;
            }
        }
        return out;
    }

    private static AuditObject role(AuditInput in, RbacBindings.Grant g) {
        for (AuditObject r : in.ofKind(g.roleKind())) {
            if (r.name().equals(g.role()) && (g.roleKind().equals("ClusterRole")
                    || r.namespace().equals(g.binding().namespace()))) {
                return r;
            }
        }
        return null;
    }

    private static boolean contains(JsonNode list, String v) {
        for (JsonNode n : list) {
            if (n.asText().equals(v)) {
                return true;
            }
        }
        return false;
    }
}
