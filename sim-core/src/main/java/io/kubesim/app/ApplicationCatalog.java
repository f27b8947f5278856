package io.kubesim.app;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import java.util.Map;

/**
 * Finds the {@link ApplicationModel} of a pod's workload. The workload is the top-level owner: a
 * pod's ReplicaSet's Deployment, else its ReplicaSet; a pod's Job's CronJob, else its Job; else
 * the pod itself. Models are looked up
 * as {@code namespace/name}, then {@code name}, then the default; then the workload's first
 * {@link ApplicationVersion} the pod matches (its image, a template label or annotation), if any,
 * gives the pod its version's behaviour.
 */
public final class ApplicationCatalog {
    private final ClusterStore store;
    private final Map<String, ApplicationModel> models;
    private final ApplicationModel fallback;
    private final Map<String, java.util.List<ApplicationVersion>> versions;

    public ApplicationCatalog(ClusterStore store, Map<String, ApplicationModel> models, ApplicationModel fallback) {
        this(store, models, fallback, Map.of());
    }

    /** @param versions the versions of workloads' applications, keyed as {@code models} are */
    public ApplicationCatalog(ClusterStore store, Map<String, ApplicationModel> models, ApplicationModel fallback,
                              Map<String, java.util.List<ApplicationVersion>> versions) {
        this.store = store;
        this.models = models;
        this.fallback = fallback;
        this.versions = versions;
    }

    /** The model for this pod: its workload's, or the version of it the pod is. */
    public ApplicationModel forPod(Pod pod) {
        String workload = workloadName(pod);
        String qualified = pod.namespace() + "/" + workload;
        ApplicationModel m = models.get(qualified);
        java.util.List<ApplicationVersion> vs = versions.get(qualified);
        if (m == null) {
            m = models.get(workload);
        }
        if (vs == null) {
            vs = versions.get(workload);
        }
        if (vs != null) {
            for (ApplicationVersion v : vs) {
                if (v.matches(pod)) {
                    return v.model();
                }
            }
        }
        return m == null ? fallback : m;
    }

    /**
     * The Services any model here calls while serving (as its calls name them), sorted: the fluid
     * traffic model keeps a latency sample only of Services some caller reads.
     */
    public java.util.SortedSet<String> calledServices() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        addCalls(fallback, out);
        models.values().forEach(m -> addCalls(m, out));
        versions.values().forEach(vs -> vs.forEach(v -> addCalls(v.model(), out)));
        return out;
    }

    private static void addCalls(ApplicationModel m, java.util.SortedSet<String> out) {
        if (m != null && m.serving() != null) {
            m.serving().calls().forEach(c -> out.add(c.service()));
        }
    }

    /** The name of the pod's top-level owner (Deployment, ReplicaSet, CronJob, Job) or of the pod itself. */
    public String workloadName(Pod pod) {
        OwnerReference owner = pod.metadata().owner();
        if (owner == null) {
            return pod.name();
        }
        if (owner.kind().equals(io.kubesim.cluster.Job.KIND)) {
            // a CronJob's Jobs share their CronJob's model (applications.<cronjob>)
            io.kubesim.cluster.Job job = store.jobs().get(pod.namespace(), owner.name());
            if (job != null && job.metadata().owner() != null) {
                return job.metadata().owner().name();
            }
        }
        if (owner.kind().equals(ReplicaSet.KIND)) {
            ReplicaSet rs = store.replicaSets().get(pod.namespace(), owner.name());
            if (rs != null && rs.metadata().owner() != null) {
                return rs.metadata().owner().name();
            }
        }
        return owner.name();
    }
}
