package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Workload;
import java.util.ArrayList;
import java.util.List;

/** The ServiceAccount subjects of RoleBindings and ClusterRoleBindings, with the workloads that run as them. */
final class RbacBindings {
    /** One ServiceAccount a binding grants its role to. */
    record Grant(AuditObject binding, int subject, String namespace, String account, String roleKind, String role) {
        String subjectPointer() {
            return "/subjects/" + subject;
        }
    }

    private RbacBindings() {
    }

    static List<Grant> serviceAccountGrants(AuditInput in) {
        List<Grant> out = new ArrayList<>();
        for (AuditObject b : in.ofKind("ClusterRoleBinding", "RoleBinding")) {
            JsonNode subjects = b.path("/subjects");
            for (int i = 0; i < subjects.size(); i++) {
                JsonNode s = subjects.get(i);
                if (!s.path("kind").asText("").equals("ServiceAccount")) {
                    continue;
                }
                String ns = s.path("namespace").asText(b.namespace().isEmpty() ? "default" : b.namespace());
                out.add(new Grant(b, i, ns, s.path("name").asText(""), b.path("/roleRef/kind").asText(""),
                        b.path("/roleRef/name").asText("")));
            }
        }
        return out;
    }

    /** The workloads of the input that run as the grant's ServiceAccount, as {@code Deployment ns/name} refs. */
    static List<String> workloadsOf(AuditInput in, Grant g) {
        List<String> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            JsonNode spec = w.object().path(w.podSpec());
            String sa = spec.path("serviceAccountName").asText(spec.path("serviceAccount").asText("default"));
            if (w.object().namespace().equals(g.namespace()) && sa.equals(g.account())) {
                out.add(w.ref());
            }
        }
        return out;
    }

    static String usedBy(AuditInput in, Grant g) {
        List<String> users = workloadsOf(in, g);
        return users.isEmpty() ? "" : " (used by " + String.join(", ", users) + ")";
    }
}
