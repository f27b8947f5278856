package io.kubesim.scenarios.audit.checks;

import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import java.util.ArrayList;
import java.util.List;

/** No binding gives cluster-admin to a ServiceAccount that a workload runs as. */
public final class ClusterAdminBinding implements AuditCheck {
    private static final Rule RULE = new Rule("rbac-cluster-admin", AuditArea.RBAC, Severity.HIGH,
            "Service accounts are not bound to cluster-admin",
            "cluster-admin allows every verb on every resource of every namespace. A pod running as a service "
                    + "account bound to it (through a ClusterRoleBinding, or a RoleBinding within its namespace) "
                    + "holds a token that can read every Secret and change anything: any code execution in that "
                    + "pod is a cluster compromise. Bind a Role with the resources and verbs the workload uses.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (RbacBindings.Grant g : RbacBindings.serviceAccountGrants(in)) {
            if (g.roleKind().equals("ClusterRole") && g.role().equals("cluster-admin")) {
                out.add(finding(g.binding(), g.subjectPointer(), "grants cluster-admin to ServiceAccount " + g.namespace()
                                + "/" + g.account() + RbacBindings.usedBy(in, g) + ": its pods' token can do anything "
                                + "in the cluster",
                        "a Role (or ClusterRole) with only the resources and verbs the workload uses, bound with a "
                                + "RoleBinding in its namespace"));
            }
        }
        return out;
    }
}
