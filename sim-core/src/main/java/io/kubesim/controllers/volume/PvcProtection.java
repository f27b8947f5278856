package io.kubesim.controllers.volume;

import io.kubesim.api.PodVolume;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;

/**
 * The {@code kubernetes.io/pvc-protection} finalizer's controller (k8s-semantics.md 14.1): a claim
 * deleted while a pod that is not terminated uses it stays, marked deleting, until the last such
 * pod is gone or terminated; then it is removed.
 */
public final class PvcProtection {
    private final ClusterStore store;

    public PvcProtection(ClusterStore store) {
        this.store = store;
    }

    public void start() {
        store.pods().watch((type, pod) -> {
            if (pod.spec().hasClaims() && (type == WatchEventType.DELETED || pod.isTerminal())) {
                release(pod);
            }
        });
    }

    private void release(Pod pod) {
        for (PodVolume v : pod.spec().volumes()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(pod.namespace(), v.claimName());
            if (c != null && c.metadata().isDeleting() && !PersistentVolumeClaims.inUse(store, c)) {
                store.persistentVolumeClaims().remove(c);
            }
        }
    }
}
