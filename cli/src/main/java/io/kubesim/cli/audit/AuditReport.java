package io.kubesim.cli.audit;

import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Severity;
import java.util.List;

/**
 * What one audit produced, for the renderers: the checks that ran (SARIF's rules), the findings in
 * audit order, how many files and objects were read, the target Kubernetes minor version, and with
 * {@code --simulate} each finding's simulated impact (null entries where there is none).
 */
record AuditReport(List<AuditCheck> checks, List<Finding> findings, List<String> files, int objects,
                   int kubeVersion, List<Impact> impacts) {
    AuditReport {
        impacts = impacts == null ? java.util.Collections.nCopies(findings.size(), null) : impacts;
    }

    /** The impact of finding {@code i}, or null when it was not simulated. */
    Impact impact(int i) {
        return impacts.get(i);
    }

    long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}
