package io.kubesim.controllers;

import io.kubesim.cluster.ApiObject;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ResourceQuota;
import io.kubesim.cluster.WatchEventType;

/**
 * The quota side of kube-controller-manager (resource_quota_controller.go, k8s-semantics.md
 * 15.1), kept simple: a pod's usage, charged by admission, comes back when the pod stops counting
 * (it turns Succeeded or Failed, or is removed from the store; {@code count/pods} only when it is
 * removed, as it counts every pod in storage), as the controller's replenishment on that pod
 * event does; kubesim does not model the 5-minute full resync, which would find the
 * same totals. Object counts ({@code count/deployments.apps}, {@code count/replicasets.apps},
 * {@code count/services}) follow creations and deletions of those objects.
 */
public final class ResourceQuotaController {
    private final ClusterStore store;

    public ResourceQuotaController(ClusterStore store) {
        this.store = store;
    }

    /** Registers the watches; does nothing more when no ResourceQuota exists. */
    public void start() {
        store.pods().watch((type, pod) -> {
            if (type == WatchEventType.DELETED) {
                release(pod, false);
            } else if (pod.isTerminal()) {
                release(pod, true);
            }
        });
        countObjects(store.deployments(), "count/deployments.apps");
        countObjects(store.replicaSets(), "count/replicasets.apps");
        countObjects(store.services(), "count/services");
        countObjects(store.services(), "services");
    }

    /** Returns a pod's charge; {@code terminal}: all but {@code count/pods}, kept until the pod is deleted. */
    private void release(Pod pod, boolean terminal) {
        for (ResourceQuota q : store.resourceQuotasByNamespace().get(pod.namespace())) {
            String uid = pod.metadata().uid();
            if (terminal ? q.releaseCompute(uid) : q.release(uid)) {
                store.resourceQuotas().update(q);
            }
        }
    }

    /** Counts creations and deletions in the same write, as admission's charge and the controller's release do. */
    private <T extends ApiObject> void countObjects(ObjectStore<T> objects, String key) {
        objects.observe((type, obj) -> {
            long delta = type == WatchEventType.ADDED ? 1 : type == WatchEventType.DELETED ? -1 : 0;
            if (delta == 0) {
                return;
            }
            for (ResourceQuota q : store.resourceQuotasByNamespace().get(obj.metadata().namespace())) {
                q.count(key, delta);
            }
        });
    }
}
