package io.kubesim.controllers.volume;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.plugins.VolumeBinding;
import io.kubesim.scheduler.plugins.VolumeRestrictions;
import io.kubesim.scheduler.plugins.VolumeZone;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Volumes at the end of a run, for summary.json's {@code volumes} section.
 *
 * @param claimsBound        PersistentVolumeClaims Bound
 * @param claimsPending      PersistentVolumeClaims still Pending
 * @param volumesProvisioned PersistentVolumes created by provisioners during the run
 * @param volumesStatic      PersistentVolumes written in the manifests
 * @param forcedDetaches     detaches forced after the 6-minute maxWaitForUnmountDuration (14.5)
 * @param pendingForVolumes  pods still Pending because of their volumes, by the scheduler's message
 *                           (sorted); a pod waiting for its volume to attach counts under
 *                           {@link #WAITING_FOR_ATTACH}
 */
public record VolumeStats(int claimsBound, int claimsPending, long volumesProvisioned, int volumesStatic,
                          long forcedDetaches, Map<String, Long> pendingForVolumes) {
    public static final VolumeStats NONE = new VolumeStats(0, 0, 0, 0, 0, Map.of());
    /** The key of pods on a node whose containers wait for a volume to attach (ContainerCreating). */
    public static final String WAITING_FOR_ATTACH = "waiting for volumes to attach";

    private static final List<String> VOLUME_REASONS = List.of(VolumeBinding.ERR_UNBOUND_IMMEDIATE,
            VolumeBinding.ERR_NODE_CONFLICT, VolumeBinding.ERR_BIND_CONFLICT, VolumeBinding.ERR_NO_CAPACITY,
            VolumeBinding.ERR_PV_NOT_EXIST, VolumeZone.ERR_REASON_CONFLICT,
            VolumeRestrictions.ERR_READ_WRITE_ONCE_POD_CONFLICT, "persistentvolumeclaim \"");

    public VolumeStats {
        pendingForVolumes = new TreeMap<>(pendingForVolumes);
    }

    /** Whether there was anything to report (no claim, no volume: the section is left out). */
    public boolean isEmpty() {
        return claimsBound == 0 && claimsPending == 0 && volumesStatic == 0 && volumesProvisioned == 0;
    }

    /** The counts of the store now. */
    public static VolumeStats of(ClusterStore store, long provisioned, long forcedDetaches) {
        int bound = 0;
        int pending = 0;
        for (PersistentVolumeClaim c : store.persistentVolumeClaims().list()) {
            if (c.isBound()) {
                bound++;
            } else {
                pending++;
            }
        }
        int statics = 0;
        for (PersistentVolume pv : store.persistentVolumes().list()) {
            if (!pv.provisioned()) {
                statics++;
            }
        }
        Map<String, Long> reasons = new TreeMap<>();
        for (Pod p : store.pods().list()) {
            if (!p.spec().hasClaims() || !p.isActive()) {
                continue;
            }
            if (!p.isBound()) {
                String msg = p.scheduledCondition().message();
                if (msg != null && VOLUME_REASONS.stream().anyMatch(msg::contains)) {
                    reasons.merge(msg, 1L, Long::sum);
                }
            } else if (p.podIP().isEmpty() && !attached(store, p)) {
                reasons.merge(WAITING_FOR_ATTACH, 1L, Long::sum);
            }
        }
        return new VolumeStats(bound, pending, provisioned, statics, forcedDetaches, reasons);
    }

    private static boolean attached(ClusterStore store, Pod p) {
        for (io.kubesim.api.PodVolume v : p.spec().volumes()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(p.namespace(), v.claimName());
            PersistentVolume pv = c == null || !c.isBound() ? null : store.persistentVolumes().get(c.volumeName());
            if (pv != null && !pv.attachable()) {
                continue;
            }
            io.kubesim.cluster.VolumeAttachment a = pv == null ? null : store.volumeAttachments()
                    .get(io.kubesim.cluster.VolumeAttachment.nameOf(pv.name(), p.nodeName()));
            if (a == null || !a.isAttached()) {
                return false;
            }
        }
        return true;
    }
}
