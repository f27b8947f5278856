package io.kubesim.sim;

import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ServingModel;
import io.kubesim.api.Manifest;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.TrafficMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses a scenario's traffic mode before the run: the entry points' peak rates times one plus
 * the calls a request causes downstream, against {@link TrafficMode#AUTO_THRESHOLD} and the pods
 * serving them ({@link TrafficMode#BREAK_EVEN_RATE_PER_SERVING_POD}); always exact when an entry
 * point has closed-loop users.
 */
final class TrafficModeChoice {
    /** How deep the call graph is followed, so that cycles end. */
    private static final int MAX_DEPTH = 8;

    private TrafficModeChoice() {
    }

    static TrafficMode choose(SimulationSpec spec) {
        if (TrafficMode.hasClosedLoop(spec.traffic())) {
            return TrafficMode.EXACT; // the fluid mode does not model closed-loop users
        }
        double calls = 0;
        for (EntryPoint e : spec.traffic()) {
            calls = Math.max(calls, callsPerRequest(spec, e.service(), 0));
        }
        return TrafficMode.choose(TrafficMode.peakRate(spec.traffic()), calls, servingPods(spec));
    }

    /**
     * The replicas of the workloads whose pod templates the Services the traffic reaches select
     * (entry points' Services and those their applications call, followed as in
     * {@link #callsPerRequest}): as written, or an HPA's minReplicas when higher; the pods fluid
     * mode would step.
     */
    static long servingPods(SimulationSpec spec) {
        Set<String> reached = new TreeSet<>();
        for (EntryPoint e : spec.traffic()) {
            reach(spec, e.service(), 0, reached);
        }
        List<Manifest.ServiceManifest> reachedServices = new ArrayList<>();
        Map<String, Integer> hpaFloors = new HashMap<>();
        for (Manifest m : spec.manifests()) {
            if (m instanceof Manifest.ServiceManifest s && !s.selector().isEmpty()
                    && (reached.contains(s.name()) || reached.contains(s.namespace() + "/" + s.name()))) {
                reachedServices.add(s);
            } else if (m instanceof Manifest.HorizontalPodAutoscalerManifest h) {
                hpaFloors.putIfAbsent(workloadKey(h.targetKind(), h.namespace(), h.targetName()), h.minReplicas());
            }
        }
        long pods = 0;
        for (Manifest m : spec.manifests()) {
            String namespace;
            Map<String, String> labels;
            int replicas;
            if (m instanceof Manifest.DeploymentManifest d) {
                namespace = d.namespace();
                labels = d.template().labels();
                replicas = Math.max(d.replicasOrDefault(),
                        hpaFloors.getOrDefault(workloadKey("Deployment", namespace, d.name()), 0));
            } else if (m instanceof Manifest.StatefulSetManifest s) {
                namespace = s.namespace();
                labels = s.template().labels();
                replicas = Math.max(s.replicas() == null ? 1 : s.replicas(),
                        hpaFloors.getOrDefault(workloadKey("StatefulSet", namespace, s.name()), 0));
            } else if (m instanceof Manifest.ReplicaSetManifest r) {
                namespace = r.namespace();
                labels = r.template().labels();
                replicas = r.replicas();
            } else {
                continue;
            }
            if (selectedByAny(reachedServices, namespace, labels)) {
                pods += replicas;
            }
        }
        return pods;
    }

    /** The key an HPA's target (its minReplicas is the floor it keeps the workload at) is found by. */
    private static String workloadKey(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }

    private static void reach(SimulationSpec spec, String service, int depth, Set<String> reached) {
        if (depth >= MAX_DEPTH || !reached.add(service)) {
            return;
        }
        String name = service.contains("/") ? service.substring(service.indexOf('/') + 1) : service;
        ApplicationModel m = spec.applications().getOrDefault(service,
                spec.applications().getOrDefault(name, spec.defaultApplication()));
        for (ServingModel.Call c : m.serving().calls()) {
            reach(spec, c.service(), depth + 1, reached);
        }
    }

    /** Whether one of {@code services} in the workload's namespace selects these pod labels. */
    private static boolean selectedByAny(List<Manifest.ServiceManifest> services, String namespace,
                                         Map<String, String> labels) {
        for (Manifest.ServiceManifest s : services) {
            if (java.util.Objects.equals(s.namespace(), namespace)
                    && labels.entrySet().containsAll(s.selector().entrySet())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mean number of calls one request to a Service causes downstream, following the
     * application models' calls by name (a Service named as its workload, as is usual).
     */
    private static double callsPerRequest(SimulationSpec spec, String service, int depth) {
        if (depth >= MAX_DEPTH) {
            return 0;
        }
        String name = service.contains("/") ? service.substring(service.indexOf('/') + 1) : service;
        ApplicationModel m = spec.applications().getOrDefault(service,
                spec.applications().getOrDefault(name, spec.defaultApplication()));
        double n = 0;
        for (ServingModel.Call c : m.serving().calls()) {
            n += c.probability() * (1 + callsPerRequest(spec, c.service(), depth + 1));
        }
        return n;
    }
}
