package io.kubesim.scenarios.scenario;

import io.kubesim.api.Container;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The containers of a workload's pods by name, and what each is: the serving container (the
 * first app container), another app container, a sidecar (restartable init container) or a plain
 * init container. The scenario's {@code applications.<workload>.containers} are checked against it.
 */
final class WorkloadContainers {
    enum Role {
        SERVING("the serving container"), APP("an app container"), SIDECAR("a sidecar (restartable init container)"),
        INIT("an init container");

        final String label;

        Role(String label) {
            this.label = label;
        }
    }

    private final Map<String, Role> roles = new LinkedHashMap<>();

    private WorkloadContainers() {
    }

    /** The containers of {@code workload}'s pods; none for a kind without a pod template. */
    static WorkloadContainers of(Manifest workload) {
        WorkloadContainers w = new WorkloadContainers();
        PodSpec spec = podSpec(workload);
        if (spec == null) {
            return w;
        }
        List<Container> app = spec.containers();
        for (int i = 0; i < app.size(); i++) {
            w.roles.put(app.get(i).name(), i == 0 ? Role.SERVING : Role.APP);
        }
        for (Container c : spec.initContainers()) {
            w.roles.put(c.name(), c.restartableInit() ? Role.SIDECAR : Role.INIT);
        }
        return w;
    }

    /** The containers of every workload, a name taking the first role found. */
    static WorkloadContainers union(List<Manifest> workloads) {
        WorkloadContainers all = new WorkloadContainers();
        for (Manifest m : workloads) {
            of(m).roles.forEach(all.roles::putIfAbsent);
        }
        return all;
    }

    /** The role of the named container, or null when there is none of that name. */
    Role role(String name) {
        return roles.get(name);
    }

    /** The names, in spec order (app containers, then init containers). */
    java.util.Set<String> names() {
        return roles.keySet();
    }

    /**
     * The pod spec of a Deployment, StatefulSet, ReplicaSet, ReplicationController, DaemonSet, Pod,
     * Job or CronJob (its Jobs' pods); null for other kinds.
     */
    static PodSpec podSpec(Manifest m) {
        if (m instanceof Manifest.DeploymentManifest d) {
            return d.template().spec();
        }
        if (m instanceof Manifest.ReplicaSetManifest r) {
            return r.template().spec();
        }
        if (m instanceof Manifest.StatefulSetManifest s) {
            return s.template().spec();
        }
        if (m instanceof Manifest.PodManifest p) {
            return p.spec();
        }
        if (m instanceof Manifest.DaemonSetManifest ds) {
            return ds.template().spec();
        }
        if (m instanceof Manifest.JobManifest j) {
            return j.spec().template().spec();
        }
        if (m instanceof Manifest.CronJobManifest c) {
            return c.spec().job().template().spec();
        }
        return null;
    }
}
