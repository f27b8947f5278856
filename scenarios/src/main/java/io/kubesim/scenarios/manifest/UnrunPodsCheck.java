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
 * After a load: a Service whose selector matches the pod template of a workload kubesim skips
 * (a custom resource such as an OpenKruise CloneSet, or an Argo Rollout that Argo marks InvalidSpec)
 * is a warning at
 * its selector. On a cluster that workload's pods are the Service's endpoints; in the simulation
 * they do not exist, so the Service has none (or fewer) and requests to it fail with
 * no_endpoints. Without the warning a run would report an outage a cluster never has.
 *
 * <p>A StatefulSet's pods (run, or skipped under an apiVersion kubesim does not read) also carry their identity labels ({@code statefulset.kubernetes.io/pod-name}
 * {@code <set>-<ordinal>} and {@code apps.kubernetes.io/pod-index}), which per-pod Services select
 * on; those match the ordinals below the set's replicas.
 */
final class UnrunPodsCheck {
    private static final String POD_NAME = "statefulset.kubernetes.io/pod-name";
    private static final String POD_INDEX = "apps.kubernetes.io/pod-index";

    /** The pod template of a skipped object; {@code replicas} only matters for a StatefulSet. */
    private record Unrun(String kind, String namespace, String name, Map<String, String> labels, int replicas) {
        String describe() {
            return kind + " \"" + name + "\"";
        }

        boolean selectedBy(Map<String, String> selector) {
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (!matches(e.getKey(), e.getValue())) {
                    return false;
                }
            }
            return true;
        }

        private boolean matches(String key, String value) {
            if (kind.equals("StatefulSet") && !labels.containsKey(key)) {
                if (key.equals(POD_NAME) && value.startsWith(name + "-")) {
                    return isOrdinal(value.substring(name.length() + 1));
                }
                if (key.equals(POD_INDEX)) {
                    return isOrdinal(value);
                }
            }
            return value.equals(labels.get(key));
        }

        private boolean isOrdinal(String s) {
            if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)
                    || (s.length() > 1 && s.charAt(0) == '0')) {
                return false;
            }
            return Integer.parseInt(s) < replicas;
        }
    }

    private record SelectingService(Manifest.ServiceManifest service, Location at) {
    }

    private final List<Unrun> unrun = new ArrayList<>();
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
        unrun.add(new Unrun(kind, ns.isTextual() && !ns.textValue().isEmpty() ? ns.textValue() : "default",
                name.isTextual() ? name.textValue() : "(unnamed)", map, replicas.canConvertToInt() ? replicas.intValue() : 1));
    }

    /** Remembers a Service and where its selector is written. */
    void addService(Manifest.ServiceManifest service, Location at) {
        if (service.selector() != null && !service.selector().isEmpty()) {
            services.add(new SelectingService(service, at));
        }
    }

    /** Warns, in input order, about each Service that selects pods of a skipped object. */
    void report(List<Manifest> manifests, Diagnostics diagnostics) {
        if (unrun.isEmpty()) {
            return;
        }
        for (SelectingService s : services) {
            Manifest.ServiceManifest svc = s.service();
            List<String> owners = unrun.stream()
                    .filter(u -> u.namespace().equals(svc.namespace()) && u.selectedBy(svc.selector()))
                    .map(Unrun::describe).distinct().toList();
            if (owners.isEmpty()) {
                continue;
            }
            String which = String.join(", ", owners);
            if (selectsARunPod(svc, manifests)) {
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

    private static boolean selectsARunPod(Manifest.ServiceManifest svc, List<Manifest> manifests) {
        for (Manifest m : manifests) {
            Map<String, String> labels = null;
            String namespace = null;
            if (m instanceof Manifest.DeploymentManifest d) {
                labels = d.template().labels();
                namespace = d.namespace();
            } else if (m instanceof Manifest.ReplicaSetManifest rs) {
                labels = rs.template().labels();
                namespace = rs.namespace();
            } else if (m instanceof Manifest.DaemonSetManifest ds) {
                labels = ds.template().labels();
                namespace = ds.namespace();
            } else if (m instanceof Manifest.PodManifest p) {
                labels = p.labels();
                namespace = p.namespace();
            } else if (m instanceof Manifest.StatefulSetManifest s) {
                if (s.namespace().equals(svc.namespace()) && new Unrun(s.kind(), s.namespace(), s.name(),
                        s.template().labels(), s.replicasOrDefault()).selectedBy(svc.selector())) {
                    return true;
                }
                continue;
            } else if (m instanceof Manifest.JobManifest j) {
                labels = j.spec().template().labels();
                namespace = j.namespace();
            } else if (m instanceof Manifest.CronJobManifest c) {
                labels = c.spec().job().template().labels();
                namespace = c.namespace();
            }
            if (labels != null && namespace.equals(svc.namespace())
                    && labels.entrySet().containsAll(svc.selector().entrySet())) {
                return true;
            }
        }
        return false;
    }
}
