package io.kubesim.cli.audit;

import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Severity;
import java.util.List;

/**
 * What one audit produced, for the renderers: the checks that ran (SARIF's rules), the findings in
 * audit order, how many files and objects were read and the target Kubernetes minor version.
 */
record AuditReport(List<AuditCheck> checks, List<Finding> findings, List<String> files, int objects,
                   int kubeVersion) {
    long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}
