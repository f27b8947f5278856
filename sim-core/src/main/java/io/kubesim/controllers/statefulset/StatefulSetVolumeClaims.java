package io.kubesim.controllers.statefulset;

import io.kubesim.api.AccessMode;
import io.kubesim.api.VolumeClaimTemplate;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.controllers.volume.PersistentVolumeClaims;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A StatefulSet's claims in the cluster store (k8s-semantics.md 11.2, 11.4, 14.1): each ordinal's
 * {@code <template>-<set>-<ordinal>} claim is created through {@link PersistentVolumeClaims} (so the
 * DefaultStorageClass admission applies and the PV controller binds it), and deleted there, with
 * pvc-protection, when {@code persistentVolumeClaimRetentionPolicy} says Delete.
 * <p>
 * Upstream makes the condemned pod (whenScaled) or the set (whenDeleted) the claim's owner and lets
 * the garbage collector delete it; kubesim deletes it at once, and pvc-protection keeps it until no
 * running pod uses it, which ends the same way.
 */
public final class StatefulSetVolumeClaims implements StatefulSetClaims {
    private final ClusterStore store;

    public StatefulSetVolumeClaims(ClusterStore store) {
        this.store = store;
    }

    @Override
    public List<ClaimOutcome> createMissing(StatefulSet set, int ordinal, String podName) {
        if (set.volumeClaimTemplates().isEmpty()) {
            return List.of();
        }
        List<ClaimOutcome> out = new ArrayList<>();
        String ns = set.metadata().namespace();
        for (VolumeClaimTemplate t : set.volumeClaimTemplates()) {
            String name = t.claimName(set.name(), ordinal);
            PersistentVolumeClaim existing = store.persistentVolumeClaims().get(ns, name);
            if (existing != null) {
                if (existing.metadata().isDeleting()) {
                    out.add(new ClaimOutcome(name, "pvc " + name + " is being deleted"));
                }
                continue;
            }
            PersistentVolumeClaims.create(store, ns, name, labels(set, t), t.storageClassName(),
                    AccessMode.ofApiNames(t.accessModes()), t.storageBytes(), null);
            out.add(new ClaimOutcome(name, null));
        }
        return out;
    }

    /** The template's labels plus the set's matchLabels (getPersistentVolumeClaims). */
    private static Map<String, String> labels(StatefulSet set, VolumeClaimTemplate t) {
        Map<String, String> labels = new TreeMap<>(t.labels());
        labels.putAll(set.selector().matchLabels());
        return labels;
    }

    @Override
    public void condemned(StatefulSet set, int ordinal, Pod pod) {
        if (!set.claimRetention().deleteWhenScaled()) {
            return;
        }
        for (VolumeClaimTemplate t : set.volumeClaimTemplates()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(set.metadata().namespace(),
                    t.claimName(set.name(), ordinal));
            if (c != null) {
                PersistentVolumeClaims.delete(store, c);
            }
        }
    }

    @Override
    public void setDeleted(StatefulSet set) {
        if (!set.claimRetention().deleteWhenDeleted()) {
            return;
        }
        List<PersistentVolumeClaim> mine = new ArrayList<>();
        for (PersistentVolumeClaim c : store.persistentVolumeClaims().list()) {
            if (c.namespace().equals(set.metadata().namespace()) && ofSet(set, c.name())) {
                mine.add(c);
            }
        }
        mine.sort(Comparator.comparing(PersistentVolumeClaim::name));
        for (PersistentVolumeClaim c : mine) {
            PersistentVolumeClaims.delete(store, c);
        }
    }

    /** Whether the name is {@code <template>-<set>-<ordinal>} for one of the set's templates. */
    private static boolean ofSet(StatefulSet set, String claim) {
        for (VolumeClaimTemplate t : set.volumeClaimTemplates()) {
            String prefix = t.name() + "-" + set.name() + "-";
            if (claim.startsWith(prefix) && claim.length() > prefix.length()
                    && claim.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                return true;
            }
        }
        return false;
    }
}
