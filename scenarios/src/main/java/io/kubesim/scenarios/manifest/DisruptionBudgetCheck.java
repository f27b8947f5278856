package io.kubesim.scenarios.manifest;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.List;

/**
 * After a load, the PodDisruptionBudgets that cannot do what they were written for, each a warning
 * at the budget (the API server takes them all):
 * <ul>
 * <li>one that selects no pod of the input guards nothing: a drain evicts those pods freely;</li>
 * <li>one whose {@code minAvailable} is a number above the pods it selects can never allow an
 *     eviction: every drain of their nodes is refused until it times out.</li>
 * </ul>
 * A DaemonSet's pods count per node, so a budget over them is not counted.
 */
final class DisruptionBudgetCheck {
    private DisruptionBudgetCheck() {
    }

    static void report(List<Manifest> manifests, Diagnostics diagnostics) {
        List<PodTemplates.Template> templates = null;
        for (Manifest m : manifests) {
            if (!(m instanceof Manifest.PodDisruptionBudgetManifest pdb)) {
                continue;
            }
            if (templates == null) {
                templates = PodTemplates.of(manifests);
            }
            Location at = new Location(pdb.origin().file(), pdb.origin().line(), 1);
            List<PodTemplates.Template> selected = templates.stream()
                    .filter(t -> t.namespace().equals(pdb.namespace()) && t.selectedBy(pdb.selector())).toList();
            if (selected.isEmpty()) {
                diagnostics.warn(at, "PodDisruptionBudget \"" + pdb.name() + "\" selects no pod of the input"
                        + (pdb.selector() == null ? " (no selector: it selects none)"
                        : " (selector " + pdb.selector() + ")") + ": it guards nothing, and a drain evicts freely");
                continue;
            }
            if (pdb.minAvailable() == null || pdb.minAvailable().percent()
                    || selected.stream().anyMatch(t -> t.kind().equals("DaemonSet"))) {
                continue;
            }
            long pods = selected.stream().mapToLong(PodTemplates.Template::replicas).sum();
            if (pdb.minAvailable().value() > pods) {
                diagnostics.warn(at, "PodDisruptionBudget \"" + pdb.name() + "\" wants minAvailable "
                        + pdb.minAvailable().value() + " of the " + pods + " pod" + (pods == 1 ? "" : "s")
                        + " it selects: it can never allow an eviction, so every drain of their nodes is refused until"
                        + " it times out; lower minAvailable or use maxUnavailable");
            }
        }
    }
}
