package io.kubesim.scenarios.scenario;

import io.kubesim.api.Container;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.app.ApplicationModel;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.List;

/**
 * Warns, once per Job or CronJob, when the scenario gives none of its app containers a
 * {@code runTime}: its pods then run until the end of the scenario, as containers that never exit
 * would, so the Job never completes. kubesim invents no run time; the warning, at the object's
 * kind, names the field to set.
 * <p>
 * Warns too when {@code applications.default} gives a run time to the containers of a workload
 * whose pods restart them (restartPolicy Always: Deployments, StatefulSets, DaemonSets ...): such a
 * container exits and is restarted with the kubelet's crash back-off, as on a real cluster, which
 * is rarely what a default meant for the Jobs was asked for.
 */
final class RunTimeCheck {
    private RunTimeCheck() {
    }

    static void check(List<Manifest> workloads, ApplicationsReader.Applications apps, Diagnostics diagnostics) {
        ApplicationModel defaults = apps.defaults();
        for (Manifest w : workloads) {
            String key = ApplicationsReader.Applications.entryName(w);
            ApplicationModel m = apps.of(w);
            PodSpec spec = WorkloadContainers.podSpec(w);
            if (!(w instanceof Manifest.JobManifest) && !(w instanceof Manifest.CronJobManifest)) {
                if (spec != null && spec.restartPolicy().equals("Always") && inheritsDefaultRunTime(spec, m, defaults)) {
                    diagnostics.warn(new Location(w.origin().file(), w.origin().line(), 1), w.kind() + " " + key
                            + ": applications.default.runTime gives its containers a run time too: with restartPolicy "
                            + "Always each one exits after it and is restarted, with the kubelet's crash back-off; "
                            + "set runTime on the Jobs' own entries (applications.<job>.runTime) instead");
                }
                continue;
            }
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

    /** Whether a container of the spec has its run time from the defaults (the very same value, not its own). */
    private static boolean inheritsDefaultRunTime(PodSpec spec, ApplicationModel m, ApplicationModel defaults) {
        for (Container c : spec.containers()) {
            var own = m.runTimeOf(c.name());
            if (own != null && own == defaults.runTimeOf(c.name())) {
                return true;
            }
        }
        return false;
    }
}
