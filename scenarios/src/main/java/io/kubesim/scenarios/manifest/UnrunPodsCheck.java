package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * After a load, the Services whose selector finds none (or not all) of the pods a cluster would
 * give them endpoints from, each a warning at its selector:
 * <ul>
 * <li>a Service that selects the pod template of a workload kubesim skips (a custom resource such
 *     as an OpenKruise CloneSet, or an Argo Rollout that Argo marks InvalidSpec). On a cluster that
 *     workload's pods are the Service's endpoints; in the simulation they do not exist, so the
 *     Service has none (or fewer) and requests to it fail with no_endpoints. Without the warning a
 *     run would report an outage a cluster never has.</li>
 * <li>a Service whose selector matches no pod of the input at all (a typo in a label, a workload
 *     left out of the input): valid, and the API server takes it, but it has no endpoints.</li>
 * </ul>
 * A StatefulSet's pods (run, or skipped under an apiVersion kubesim does not read) also carry their
 * identity labels, which per-pod Services select on ({@link PodTemplates}).
 */
final class UnrunPodsCheck {
    private record SelectingService(Manifest.ServiceManifest service, Location at) {
    }

    private final List<PodTemplates.Template> unrun = new ArrayList<>();
    private final List<SelectingService> services = new ArrayList<>();

    /** Remembers the pod template of an object the load skipped, if it has one. */
    void addSkipped(String kind, JsonNode node) {
        JsonNode template = node.at("/spec/template");
        if (template.isMissingNode() || template.isNull()) {
            template = node.at("/spec/jobTemplate/spec/template");
        }
        JsonNode labels = template.at("/metadata/labels");
        if (!labels.isObject() || labels.isEmpty()) {
            return;
        }
        Map<String, String> map = new TreeMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                : e.getValue().toString()));
        JsonNode ns = node.at("/metadata/namespace");
        JsonNode name = node.at("/metadata/name");
        JsonNode replicas = node.at("/spec/replicas");
        unrun.add(new PodTemplates.Template(kind, ns.isTextual() && !ns.textValue().isEmpty() ? ns.textValue() : "default",
                name.isTextual() ? name.textValue() : "(unnamed)", map, replicas.canConvertToInt() ? replicas.intValue() : 1,
                Manifest.Origin.UNKNOWN));
    }

    /** Remembers a Service and where its selector is written. */
    void addService(Manifest.ServiceManifest service, Location at) {
        if (service.selector() != null && !service.selector().isEmpty()) {
            services.add(new SelectingService(service, at));
        }
    }

    /**
     * Warns, in input order, about each Service that selects pods of a skipped object, and about
     * each that selects no pod at all when the load is {@code complete} (no object was refused).
     */
    void report(List<Manifest> manifests, boolean complete, Diagnostics diagnostics) {
        List<PodTemplates.Template> run = PodTemplates.of(manifests);
        for (SelectingService s : services) {
            Manifest.ServiceManifest svc = s.service();
            List<String> owners = unrun.stream()
                    .filter(u -> u.namespace().equals(svc.namespace()) && u.selectedBy(svc.selector()))
                    .map(PodTemplates.Template::describe).distinct().toList();
            boolean selectsRunPods = run.stream()
                    .anyMatch(t -> t.namespace().equals(svc.namespace()) && t.selectedBy(svc.selector()));
            if (owners.isEmpty()) {
                if (complete && !selectsRunPods) {
                    diagnostics.warn(s.at(), "Service \"" + svc.name() + "\" selects no pod of the input (selector "
                            + selector(svc.selector()) + "): it has no endpoints and requests to it fail (503 "
                            + "no_endpoints); check the selector against the workloads' pod template labels");
                }
                continue;
            }
            String which = String.join(", ", owners);
            if (selectsRunPods) {
                diagnostics.warn(s.at(), "Service \"" + svc.name() + "\" also selects the pods of " + which
                        + ", which kubesim does not run (yet): in the simulation its endpoints are only the pods "
                        + "kubesim runs");
            } else {
                diagnostics.warn(s.at(), "Service \"" + svc.name() + "\" selects the pods of " + which
                        + ", which kubesim does not run (yet): in the simulation the Service has no endpoints and "
                        + "requests to it fail (503 no_endpoints), where a cluster would route them to those pods");
            }
        }
    }

    private static String selector(Map<String, String> selector) {
        StringBuilder sb = new StringBuilder();
        selector.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
