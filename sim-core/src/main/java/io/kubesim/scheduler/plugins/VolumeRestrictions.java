package io.kubesim.scheduler.plugins;

import io.kubesim.api.AccessMode;
import io.kubesim.api.PodVolume;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.Status;

/**
 * The VolumeRestrictions plugin (volumerestrictions/volume_restrictions.go, k8s-semantics.md
 * 14.3), for the ReadWriteOncePod access mode: a claim with that mode already used by a scheduled
 * pod that is not terminated rejects the pod in PreFilter, cluster-wide. (The in-tree disk
 * conflicts of GCE PD, EBS, RBD and iSCSI volumes are not modelled: kubesim reads claims only.)
 * PreFilter skips pods without a ReadWriteOncePod claim.
 */
public final class VolumeRestrictions implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "VolumeRestrictions";
    public static final String ERR_READ_WRITE_ONCE_POD_CONFLICT =
            "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode";

    private final ClusterStore store;

    public VolumeRestrictions(ClusterStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        Pod p = pod.pod();
        if (!p.spec().hasClaims()) {
            return Status.SKIP;
        }
        boolean any = false;
        for (PodVolume v : p.spec().volumes()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(p.namespace(), v.claimName());
            if (c == null || !c.hasAccessMode(AccessMode.READ_WRITE_ONCE_POD)) {
                continue;
            }
            any = true;
            for (Pod other : store.podsByNamespace().get(p.namespace())) {
                if (other != p && other.isBound() && !other.isTerminal()
                        && other.spec().volumes().stream().anyMatch(o -> o.claimName().equals(v.claimName()))) {
                    return Status.unresolvable(NAME, ERR_READ_WRITE_ONCE_POD_CONFLICT);
                }
            }
        }
        return any ? Status.SUCCESS : Status.SKIP;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return Status.SUCCESS;
    }
}
