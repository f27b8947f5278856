package io.kubesim.scenarios.audit.checks;

import io.kubesim.scenarios.audit.Drill;
import io.kubesim.scenarios.audit.Workload;
import java.util.List;

/** The rollout drill of a workload kubesim can roll out (Deployments and StatefulSets), or none. */
final class Rollouts {
    private Rollouts() {
    }

    static Drill drill(Workload w, List<String> fixSets, String fixLabel) {
        if (!w.kind().equals("Deployment") && !w.kind().equals("StatefulSet")) {
            return null;
        }
        return new Drill(Drill.Action.ROLLOUT, w.key(), w.kind(), fixSets, null, fixLabel);
    }
}
