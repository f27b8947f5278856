package io.kubesim.scenarios.manifest;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.Suggestions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * After a load: a HorizontalPodAutoscaler whose target (of a kind kubesim runs: Deployment,
 * ReplicaSet, ReplicationController ...) is not in the input is a warning, never an error (the API
 * server accepts it; the controller reports FailedGetScale and waits for the object to appear).
 * Targets of other kinds were already warned about when read.
 */
final class ScaleTargetCheck {
    private record Pending(Manifest.HorizontalPodAutoscalerManifest hpa, Location at) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /** Remembers an HPA and where its {@code scaleTargetRef.name} is. */
    void add(Manifest.HorizontalPodAutoscalerManifest hpa, Location at) {
        pending.add(new Pending(hpa, at));
    }

    /** {@code  (did you mean "carts"?)} for an object of a close name in the HPA's namespace, else "". */
    private static String suggestion(Manifest.HorizontalPodAutoscalerManifest h, Set<String> keys) {
        Set<String> names = new TreeSet<>();
        for (String key : keys) {
            if (key.startsWith(h.namespace() + "/")) {
                names.add(key.substring(h.namespace().length() + 1));
            }
        }
        String close = Suggestions.closest(h.targetName(), names);
        return close == null ? "" : " (did you mean \"" + close + "\"?)";
    }

    /** Warns, in input order, about every target of a kind kubesim runs that is missing from {@code manifests}. */
    void report(List<Manifest> manifests, Diagnostics diagnostics) {
        for (Pending p : pending) {
            var h = p.hpa();
            if (!ApiKind.isModelled(h.targetKind())) {
                continue;
            }
            Set<String> keys = new HashSet<>();
            for (Manifest m : manifests) {
                if (m.kind().equals(h.targetKind())) {
                    keys.add(m.namespace() + "/" + m.name());
                }
            }
            if (!keys.contains(h.namespace() + "/" + h.targetName())) {
                diagnostics.warn(p.at(), "HorizontalPodAutoscaler \"" + h.name() + "\" scales " + h.targetKind() + " \""
                        + h.targetName() + "\", which is not in the input" + suggestion(h, keys)
                        + ": it does nothing and reports FailedGetScale at each sync");
            }
        }
    }
}
