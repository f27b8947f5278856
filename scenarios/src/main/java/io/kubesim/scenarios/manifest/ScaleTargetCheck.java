package io.kubesim.scenarios.manifest;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After a load: a HorizontalPodAutoscaler whose target Deployment is not in the input is a
 * warning, never an error (the API server accepts it; the controller reports FailedGetScale and
 * waits for the object to appear). Targets of other kinds were already warned about when read.
 */
final class ScaleTargetCheck {
    private record Pending(Manifest.HorizontalPodAutoscalerManifest hpa, Location at) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /** Remembers an HPA and where its {@code scaleTargetRef.name} is. */
    void add(Manifest.HorizontalPodAutoscalerManifest hpa, Location at) {
        pending.add(new Pending(hpa, at));
    }

    /** Warns, in input order, about every Deployment target missing from {@code manifests}. */
    void report(List<Manifest> manifests, Diagnostics diagnostics) {
        Set<String> deployments = new HashSet<>();
        for (Manifest m : manifests) {
            if (m instanceof Manifest.DeploymentManifest d) {
                deployments.add(d.namespace() + "/" + d.name());
            }
        }
        for (Pending p : pending) {
            var h = p.hpa();
            if (h.targetKind().equals("Deployment") && !deployments.contains(h.namespace() + "/" + h.targetName())) {
                diagnostics.warn(p.at(), "HorizontalPodAutoscaler \"" + h.name() + "\" scales Deployment \""
                        + h.targetName() + "\", which is not in the input: it does nothing and reports "
                        + "FailedGetScale at each sync");
            }
        }
    }
}
