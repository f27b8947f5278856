package io.kubesim.cluster;

import io.kubesim.api.AccessMode;

/**
 * Which static PersistentVolume a claim can bind to (upstream pv_helpers {@code FindMatchingVolume},
 * k8s-semantics.md 14.1): same class (an empty class only matches volumes without one), every
 * access mode of the claim offered, enough capacity, the claim's selector matching the volume's
 * labels, and not bound or pre-bound to another claim; among them the smallest. A volume pre-bound
 * to this claim by {@code claimRef} wins outright. The PV controller and the scheduler's
 * VolumeBinding plugin share it.
 */
public final class VolumeMatching {
    private VolumeMatching() {
    }

    /** Whether {@code pv} satisfies {@code claim}, ignoring node reachability. */
    public static boolean matches(PersistentVolumeClaim claim, PersistentVolume pv) {
        String key = claim.metadata().key();
        if (pv.phase() != PersistentVolume.Phase.AVAILABLE) {
            return false;
        }
        if (!pv.claimRef().isEmpty() && !pv.claimRef().equals(key)) {
            return false;
        }
        String cls = claim.storageClassName() == null ? "" : claim.storageClassName();
        if (!cls.equals(pv.storageClassName())) {
            return false;
        }
        for (AccessMode m : claim.accessModes()) {
            if (!pv.accessModes().contains(m)) {
                return false;
            }
        }
        return pv.capacity() >= claim.storageRequest() && claim.selector().matches(pv.metadata().labels());
    }

    /**
     * The volume to bind {@code claim} to among the stored ones, or null: the one pre-bound to it,
     * else the smallest match (first in creation order among equals). When {@code node} is not
     * null, only volumes reachable from it count (WaitForFirstConsumer, 14.2).
     */
    public static PersistentVolume find(ClusterStore store, PersistentVolumeClaim claim, Node node) {
        if (!claim.volumeName().isEmpty()) {
            PersistentVolume pv = store.persistentVolumes().get(claim.volumeName());
            // upstream checkVolumeSatisfyClaim: the named volume must still fit the claim
            return pv != null && matches(claim, pv) && (node == null || pv.reachableFrom(node)) ? pv : null;
        }
        PersistentVolume best = null;
        for (PersistentVolume pv : store.persistentVolumes().list()) {
            if (!matches(claim, pv) || (node != null && !pv.reachableFrom(node))) {
                continue;
            }
            if (pv.claimRef().equals(claim.metadata().key())) {
                return pv;
            }
            if (best == null || pv.capacity() < best.capacity()) {
                best = pv;
            }
        }
        return best;
    }
}
