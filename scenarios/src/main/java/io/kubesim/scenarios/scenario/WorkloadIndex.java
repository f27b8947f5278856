package io.kubesim.scenarios.scenario;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import io.kubesim.scenarios.InputException;

/**
 * Resolves the workload names a scenario uses ({@code web} or {@code shop/web}) against the
 * loaded manifests: a qualified name must match exactly; a bare name means the object of that
 * name in the {@code default} namespace, or the only one of that name.
 */
final class WorkloadIndex {
    private final List<Manifest> workloads;
    private final String what;

    private WorkloadIndex(List<Manifest> workloads, String what) {
        this.workloads = workloads;
        this.what = what;
    }

    static WorkloadIndex deployments(List<Manifest> manifests) {
        return new WorkloadIndex(manifests.stream().filter(m -> m instanceof Manifest.DeploymentManifest).toList(),
                "Deployment");
    }

    /** The objects of one kind ({@code ReplicaSet}, {@code ReplicationController}, {@code StatefulSet} ...). */
    static WorkloadIndex ofKind(List<Manifest> manifests, String kind) {
        return new WorkloadIndex(manifests.stream().filter(m -> m.kind().equals(kind)).toList(), kind);
    }

    /** StatefulSets: what a StatefulSet {@code rollout} names. */
    static WorkloadIndex statefulSets(List<Manifest> manifests) {
        return new WorkloadIndex(manifests.stream().filter(m -> m instanceof Manifest.StatefulSetManifest).toList(),
                "StatefulSet");
    }

    /**
     * Deployments, StatefulSets, ReplicaSets, ReplicationControllers, DaemonSets, bare Pods, Jobs,
     * CronJobs and Argo Rollouts: what an application model can describe.
     */
    static WorkloadIndex workloads(List<Manifest> manifests) {
        return new WorkloadIndex(manifests.stream().filter(m -> m instanceof Manifest.DeploymentManifest
                || m instanceof Manifest.StatefulSetManifest || m instanceof Manifest.ReplicaSetManifest
                || m instanceof Manifest.PodManifest || m instanceof Manifest.DaemonSetManifest
                || m instanceof Manifest.JobManifest || m instanceof Manifest.CronJobManifest
                || m instanceof Manifest.RolloutManifest).toList(),
                "Deployment, StatefulSet, ReplicaSet, ReplicationController, DaemonSet, Pod, Job, CronJob or Rollout");
    }

    /** DaemonSets: what a {@code rollout: {daemonset: NAME}} names. */
    static WorkloadIndex daemonSets(List<Manifest> manifests) {
        return new WorkloadIndex(manifests.stream().filter(m -> m instanceof Manifest.DaemonSetManifest).toList(),
                "DaemonSet");
    }

    /** Services: what traffic and downstream calls are addressed to. */
    static WorkloadIndex services(List<Manifest> manifests) {
        return new WorkloadIndex(manifests.stream().filter(m -> m instanceof Manifest.ServiceManifest).toList(),
                "Service");
    }

    /** Every object of the index, in manifest order. */
    List<Manifest> all() {
        return workloads;
    }

    /** The object the name refers to; an error at {@code where} if none or several. */
    Manifest resolve(String ref, ScenarioNode where) {
        return resolve(ref, where::error);
    }

    /** The object the name refers to; {@code error} makes the error if none or several. */
    Manifest resolve(String ref, Function<String, InputException> error) {
        List<Manifest> matches = new ArrayList<>();
        if (ref.contains("/")) {
            workloads.stream().filter(m -> m.key().equals(ref)).forEach(matches::add);
        } else {
            workloads.stream().filter(m -> m.name().equals(ref) && m.namespace().equals("default")).forEach(matches::add);
            if (matches.isEmpty()) {
                workloads.stream().filter(m -> m.name().equals(ref)).forEach(matches::add);
            }
        }
        if (matches.isEmpty()) {
            TreeSet<String> names = new TreeSet<>();
            workloads.forEach(m -> {
                names.add(m.name());
                names.add(m.key());
            });
            throw error.apply("no " + what + " named \"" + ref + "\" in the scenario's manifests"
                    + Suggestions.didYouMean(ref, names)
                    + (workloads.isEmpty() ? " (the manifests define none)" : ""));
        }
        if (matches.size() > 1) {
            throw error.apply("\"" + ref + "\" is ambiguous: " + matches.stream().map(m -> m.kind() + " " + m.key())
                    .sorted().toList() + "; qualify it as namespace/name");
        }
        return matches.get(0);
    }
}
