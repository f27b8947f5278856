package io.kubesim.scenarios.audit.checks;

import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import java.util.ArrayList;
import java.util.List;

/** Objects use an apiVersion the target release (--kube-version) still serves. */
public final class RemovedApiVersion implements AuditCheck {
    private static final Rule RULE = new Rule("api-removed", AuditArea.API_VERSIONS, Severity.HIGH,
            "apiVersions are served by the target Kubernetes release",
            "An API server that no longer serves an apiVersion refuses the manifest (\"no matches for kind\"): "
                    + "kubectl apply and helm upgrade fail after the cluster upgrade, often in the middle of a "
                    + "release. Migrate before upgrading (kubectl convert can rewrite a file).");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (AuditObject o : in.objects()) {
            ApiRemovals.Removal r = ApiRemovals.of(o.apiVersion(), o.kind());
            if (r != null && r.removedIn() <= in.kubeVersion()) {
                out.add(finding(o, "/apiVersion", o.apiVersion() + " " + o.kind() + " is not served since Kubernetes 1."
                        + r.removedIn() + " (target 1." + in.kubeVersion() + "): the API server refuses it",
                        "apiVersion: " + r.replacement()));
            }
        }
        return out;
    }
}
