package io.kubesim.scenarios.scenario;

import io.kubesim.api.HpaMetric;
import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.List;

/**
 * Warns, at a HorizontalPodAutoscaler, when it scales on CPU a workload whose requests the scenario
 * gives no CPU ({@code serving.cpuPerRequest} 0, the default) while the scenario sends traffic: its
 * pods' CPU then stays at their idle use whatever the load, so the autoscaler never follows the
 * traffic, however overloaded the pods are. kubesim invents no CPU cost; the warning names the field.
 */
final class HpaLoadCheck {
    private HpaLoadCheck() {
    }

    static void check(List<Manifest> manifests, ApplicationsReader.Applications apps, boolean traffic,
                      Diagnostics diagnostics) {
        if (!traffic) {
            return;
        }
        for (Manifest m : manifests) {
            if (!(m instanceof Manifest.HorizontalPodAutoscalerManifest h) || !scalesOnCpu(h)) {
                continue;
            }
            Manifest target = target(h, manifests);
            if (target == null) {
                continue; // warned about by the loader
            }
            String key = ApplicationsReader.Applications.entryName(target);
            if (apps.of(target).serving().cpuPerRequest() == 0) {
                diagnostics.warn(new Location(h.origin().file(), h.origin().line(), 1), "HorizontalPodAutoscaler "
                        + h.name() + " scales " + target.kind() + " " + key + " on CPU, but the scenario gives its "
                        + "requests no CPU: its pods' CPU does not follow the traffic, so neither does the autoscaler;"
                        + " set applications." + key + ".serving.cpuPerRequest (the CPU time one request uses)");
            }
        }
    }

    private static boolean scalesOnCpu(Manifest.HorizontalPodAutoscalerManifest h) {
        for (HpaMetric metric : h.metrics()) {
            if (metric.type() != HpaMetric.Type.NOT_SIMULATED && metric.resource().equals(Resources.CPU)) {
                return true;
            }
        }
        return false;
    }

    private static Manifest target(Manifest.HorizontalPodAutoscalerManifest h, List<Manifest> manifests) {
        for (Manifest m : manifests) {
            if (m.kind().equals(h.targetKind()) && m.name().equals(h.targetName()) && m.namespace().equals(h.namespace())) {
                return m;
            }
        }
        return null;
    }
}
