package io.kubesim.scenarios.scenario;

import io.kubesim.api.Container;
import io.kubesim.api.LifecycleHandler;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.SourcePosition;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * Warns, once per workload, about preStop hooks whose duration only the application knows (an
 * httpGet, or an exec that is not a plain {@code sleep N}) when the scenario gives that workload
 * no {@code preStopTime}: kubesim would take 0 s for them, and a silent 0 s hides the time a real
 * hook holds the pod in Terminating (k8s-semantics.md 4.3). The warning points at the first such
 * hook in the manifest and names the field to set.
 */
final class PreStopTimeCheck {
    private PreStopTimeCheck() {
    }

    static void check(List<Manifest> workloads, ApplicationsReader.Applications apps, Diagnostics diagnostics) {
        for (Manifest w : workloads) {
            PodSpec spec = WorkloadContainers.podSpec(w);
            if (spec == null || apps.setsPreStopTime(w)) {
                continue;
            }
            List<String> hooks = new ArrayList<>();
            SourcePosition first = null;
            for (Container c : containersWithHooks(spec)) {
                LifecycleHandler h = c.preStop();
                if (h == null || h.hasKnownDuration()) {
                    continue;
                }
                hooks.add("container \"" + c.name() + "\" (" + h.action() + ")");
                if (first == null) {
                    first = h.position();
                }
            }
            if (hooks.isEmpty()) {
                continue;
            }
            String key = ApplicationsReader.Applications.entryName(w);
            Location at = first == null ? Location.ofFile("")
                    : new Location(first.file(), first.line(), first.column());
            boolean one = hooks.size() == 1;
            String listed = one ? hooks.get(0) : String.join(", ", hooks.subList(0, hooks.size() - 1)) + " and "
                    + hooks.get(hooks.size() - 1);
            diagnostics.warn(at, (one ? "the preStop hook of " : "the preStop hooks of ") + listed + " in " + w.kind()
                    + " " + key + (one ? " runs" : " run") + " for a time only the application knows, and the "
                    + "scenario does not say it: kubesim takes 0 s; set applications." + key + ".preStopTime (or "
                    + "applications.default.preStopTime)");
        }
    }

    /** The app containers and the sidecars: the containers whose preStop the kubelet runs. */
    private static List<Container> containersWithHooks(PodSpec spec) {
        List<Container> out = new ArrayList<>(spec.containers());
        for (Container c : spec.initContainers()) {
            if (c.restartableInit()) {
                out.add(c);
            }
        }
        return out;
    }
}
