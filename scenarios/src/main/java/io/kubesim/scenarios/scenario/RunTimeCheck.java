package io.kubesim.scenarios.scenario;

import io.kubesim.api.Container;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.app.ApplicationModel;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.List;
import java.util.Map;

/**
 * Warns, once per Job or CronJob, when the scenario gives none of its app containers a
 * {@code runTime}: its pods then run until the end of the scenario, as containers that never exit
 * would, so the Job never completes. kubesim invents no run time; the warning, at the object's
 * kind, names the field to set.
 */
final class RunTimeCheck {
    private RunTimeCheck() {
    }

    static void check(List<Manifest> workloads, Map<String, ApplicationModel> byWorkload, ApplicationModel defaults,
                      Diagnostics diagnostics) {
        for (Manifest w : workloads) {
            if (!(w instanceof Manifest.JobManifest) && !(w instanceof Manifest.CronJobManifest)) {
                continue;
            }
            String key = w.namespace().isEmpty() || w.namespace().equals("default") ? w.name() : w.key();
            ApplicationModel m = byWorkload.containsKey(w.key()) ? byWorkload.get(w.key())
                    : byWorkload.getOrDefault(w.name(), defaults);
            PodSpec spec = WorkloadContainers.podSpec(w);
            boolean any = false;
            for (Container c : spec.containers()) {
                any |= m.runTimeOf(c.name()) != null;
            }
            if (!any) {
                diagnostics.warn(new Location(w.origin().file(), w.origin().line(), 1), w.kind() + " " + key
                        + ": the scenario gives its containers no run time, so its pods run until the end of the "
                        + "scenario and the Job never completes; set applications." + key + ".runTime");
            }
        }
    }
}
