package io.kubesim.scenarios.scenario;

import io.kubesim.api.Container;
import io.kubesim.api.ImageReference;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.sim.TimelineAction;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warns about a failing image in {@code registry.images} that no container and no rollout uses,
 * and a {@code readinessGates} entry that no pod spec names: most likely a typo, and otherwise
 * the declaration changes nothing.
 */
final class UnusedDeclarations {
    private UnusedDeclarations() {
    }

    static void check(ScenarioNode root, List<Manifest> manifests, List<TimelineAction> timeline,
                      Diagnostics diagnostics) {
        Set<String> images = new HashSet<>();
        Set<String> gates = new HashSet<>();
        for (Manifest m : manifests) {
            PodSpec spec = WorkloadContainers.podSpec(m);
            if (spec == null) {
                continue;
            }
            for (Container c : spec.containers()) {
                images.add(ImageReference.normalized(c.image() == null ? "" : c.image()));
            }
            gates.addAll(spec.readinessGates());
        }
        for (TimelineAction a : timeline) {
            if (a instanceof TimelineAction.Rollout r) {
                r.images().values().forEach(i -> images.add(ImageReference.normalized(i)));
            } else if (a instanceof TimelineAction.RolloutDaemonSet r) {
                r.images().values().forEach(i -> images.add(ImageReference.normalized(i)));
            }
        }
        ScenarioNode registryImages = root.get("registry").get("images");
        if (registryImages.isPresent()) {
            for (Map.Entry<String, ScenarioNode> e : registryImages.entries().entrySet()) {
                if (!images.contains(ImageReference.normalized(e.getKey().trim()))) {
                    diagnostics.warn(e.getValue().keyLocation(), "image \"" + e.getKey() + "\" is used by no container "
                            + "and no rollout in this scenario; its pull failures never happen");
                }
            }
        }
        ScenarioNode declared = root.get("readinessGates");
        if (declared.isPresent()) {
            for (Map.Entry<String, ScenarioNode> e : declared.entries().entrySet()) {
                if (!gates.contains(e.getKey())) {
                    diagnostics.warn(e.getValue().keyLocation(), "no pod in the manifests has the readiness gate \""
                            + e.getKey() + "\"; this entry changes nothing");
                }
            }
        }
    }
}
