package io.kubesim.kubelet;

import io.kubesim.api.PodVolume;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.VolumeAttachment;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kubelet's volume manager waits for before it starts a pod (k8s-semantics.md 14.5): each
 * volume backed by a claim must be bound and its volume attached to the pod's node. Mounting
 * itself is taken as instant once attached.
 */
final class VolumeMounts {
    /** How often the kubelet looks again while it waits (an estimate of the volume manager's loop). */
    static final long POLL = SimTime.seconds(1);
    /** After about 2 min of waiting the kubelet posts FailedMount and goes on waiting (14.5). */
    static final long MOUNT_TIMEOUT = SimTime.minutes(2);

    private VolumeMounts() {
    }

    /** The pod's claim-backed volumes not yet attached to its node, by volume name (sorted). */
    static List<String> unattached(ClusterStore store, Pod pod) {
        List<String> out = new ArrayList<>();
        for (PodVolume v : pod.spec().volumes()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(pod.namespace(), v.claimName());
            PersistentVolume pv = c == null || !c.isBound() ? null : store.persistentVolumes().get(c.volumeName());
            if (pv != null && !pv.attachable()) {
                continue; // hostPath, local, NFS: mounted without an attach
            }
            VolumeAttachment a = pv == null ? null
                    : store.volumeAttachments().get(VolumeAttachment.nameOf(pv.name(), pod.nodeName()));
            if (a == null || !a.isAttached()) {
                out.add(v.name());
            }
        }
        out.sort(null);
        return out;
    }

    /** upstream's message when WaitForAttachAndMount times out. */
    static String timeoutMessage(List<String> unattached) {
        String names = String.join(" ", unattached);
        return "Unable to attach or mount volumes: unmounted volumes=[" + names + "], unattached volumes=[" + names
                + "]: timed out waiting for the condition";
    }
}
