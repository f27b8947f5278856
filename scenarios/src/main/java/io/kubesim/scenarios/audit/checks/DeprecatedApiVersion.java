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

/** Objects do not use an apiVersion that a release within three minors of the target stops serving. */
public final class DeprecatedApiVersion implements AuditCheck {
    /** How many minor releases ahead a removal is announced here (upgrades usually go one or two at a time). */
    static final int HORIZON = 3;
    private static final Rule RULE = new Rule("api-deprecated", AuditArea.API_VERSIONS, Severity.LOW,
            "apiVersions will still be served after the next upgrades",
            "A deprecated apiVersion still works on the target release but stops being served in a coming one; "
                    + "manifests that use it break at that upgrade. Migrating now, while both versions are served, "
                    + "is a no-op for the objects already stored.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (AuditObject o : in.objects()) {
            ApiRemovals.Removal r = ApiRemovals.of(o.apiVersion(), o.kind());
            if (r != null && r.removedIn() > in.kubeVersion() && r.removedIn() - in.kubeVersion() <= HORIZON) {
                out.add(finding(o, "/apiVersion", o.apiVersion() + " " + o.kind() + " is served by 1." + in.kubeVersion()
                                + " but removed in 1." + r.removedIn() + ": the upgrade to it will refuse this manifest",
                        "apiVersion: " + r.replacement()));
            }
        }
        return out;
    }
}
