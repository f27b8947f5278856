package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Job;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import java.util.function.Function;

/**
 * The workload a pod belongs to, keyed as summary.json's {@code workloads} keys it
 * ({@code kind/name}): its top-level owner, found as {@code ApplicationCatalog} finds a pod's
 * application (a ReplicaSet's Deployment, a Job's CronJob, else the direct owner). A pod without
 * an owner belongs to no workload (null).
 */
final class PodWorkloads {
    private PodWorkloads() {
    }

    static Function<Pod, String> keys(ClusterStore store, DisplayNames names) {
        return pod -> {
            OwnerReference owner = pod.metadata().owner();
            if (owner == null) {
                return null;
            }
            String kind = owner.kind();
            String name = owner.name();
            OwnerReference parent = null;
            if (kind.equals(ReplicaSet.KIND)) {
                ReplicaSet rs = store.replicaSets().get(pod.namespace(), name);
                parent = rs == null ? null : rs.metadata().owner();
            } else if (kind.equals(Job.KIND)) {
                Job job = store.jobs().get(pod.namespace(), name);
                parent = job == null ? null : job.metadata().owner();
            }
            if (parent != null) {
                kind = parent.kind();
                name = parent.name();
            }
            return kind + "/" + names.of(pod.namespace(), name);
        };
    }
}
