package io.kubesim.controllers.volume;

import io.kubesim.api.AccessMode;
import io.kubesim.api.LabelSelector;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StorageClass;
import io.kubesim.api.PodVolume;
import java.util.List;
import java.util.Map;

/**
 * Creating and deleting PersistentVolumeClaims as the API server does, for the bootstrap and for
 * controllers that make claims from templates (a StatefulSet's {@code volumeClaimTemplates},
 * k8s-semantics.md 11: {@code <template>-<set>-<ordinal>}):
 * <ul>
 *   <li>create applies the DefaultStorageClass admission (16, 14.1): a claim with no
 *       {@code storageClassName} gets the default class, the newest one when several are marked;</li>
 *   <li>delete honours the {@code kubernetes.io/pvc-protection} finalizer: a claim used by a pod
 *       that is not terminated is only marked deleting, and {@link PvcProtection} removes it once
 *       no such pod is left.</li>
 * </ul>
 */
public final class PersistentVolumeClaims {
    private PersistentVolumeClaims() {
    }

    /**
     * Creates a claim, after the DefaultStorageClass admission.
     *
     * @param storageClassName null when the manifest or template does not set it; "" for "no class"
     * @param storageRequest   {@code resources.requests.storage} in bytes
     * @param owner            the controller owner (a StatefulSet's pod or set), or null
     * @return the stored claim
     */
    public static PersistentVolumeClaim create(ClusterStore store, String namespace, String name,
                                               Map<String, String> labels, String storageClassName,
                                               List<AccessMode> accessModes, long storageRequest,
                                               OwnerReference owner) {
        return create(store, namespace, name, labels, Map.of(), storageClassName, accessModes, storageRequest, "",
                LabelSelector.EVERYTHING, owner);
    }

    /** Creates a claim with every field a manifest can set, after the DefaultStorageClass admission. */
    public static PersistentVolumeClaim create(ClusterStore store, String namespace, String name,
                                               Map<String, String> labels, Map<String, String> annotations,
                                               String storageClassName, List<AccessMode> accessModes,
                                               long storageRequest, String volumeName, LabelSelector selector,
                                               OwnerReference owner) {
        ObjectMeta meta = new ObjectMeta(namespace, name, store.newUid());
        meta.setLabels(labels);
        meta.setAnnotations(annotations);
        if (owner != null) {
            meta.setOwner(owner);
        }
        String cls = storageClassName == null ? defaultClass(store) : storageClassName;
        return store.persistentVolumeClaims().create(new PersistentVolumeClaim(meta, cls, accessModes,
                storageRequest, volumeName, selector));
    }

    /**
     * The DefaultStorageClass admission's choice: the class annotated
     * {@code storageclass.kubernetes.io/is-default-class: "true"}, the newest when several are (then
     * the name, for a fixed order); null when none is.
     */
    public static String defaultClass(ClusterStore store) {
        StorageClass best = null;
        for (StorageClass sc : store.storageClasses().list()) {
            if (sc.isDefault() && (best == null
                    || sc.metadata().creationTimestamp() > best.metadata().creationTimestamp()
                    || (sc.metadata().creationTimestamp() == best.metadata().creationTimestamp()
                    && sc.name().compareTo(best.name()) < 0))) {
                best = sc;
            }
        }
        return best == null ? null : best.name();
    }

    /**
     * Deletes a claim (a DELETE request): removed at once when no pod that is not terminated uses it,
     * else only marked deleting (pvc-protection) until {@link PvcProtection} sees the last user go.
     */
    public static void delete(ClusterStore store, PersistentVolumeClaim claim) {
        if (!store.persistentVolumeClaims().contains(claim)) {
            return;
        }
        if (inUse(store, claim)) {
            if (!claim.metadata().isDeleting()) {
                claim.metadata().markDeleting(store.now(), 0);
                store.persistentVolumeClaims().update(claim);
            }
            return;
        }
        store.persistentVolumeClaims().remove(claim);
    }

    /** Whether a pod that is not terminated (Succeeded or Failed) references the claim. */
    public static boolean inUse(ClusterStore store, PersistentVolumeClaim claim) {
        for (Pod p : store.podsByNamespace().get(claim.namespace())) {
            if (!p.isTerminal() && uses(p, claim.name())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the pod has a volume backed by the named claim. */
    public static boolean uses(Pod pod, String claimName) {
        for (PodVolume v : pod.spec().volumes()) {
            if (v.claimName().equals(claimName)) {
                return true;
            }
        }
        return false;
    }
}
