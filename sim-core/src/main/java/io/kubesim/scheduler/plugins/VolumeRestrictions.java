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
import io.kubesim.scheduler.framework.PreFilterExtensions;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The VolumeRestrictions plugin (volumerestrictions/volume_restrictions.go, k8s-semantics.md
 * 14.3), for the ReadWriteOncePod access mode. PreFilter counts the pod's ReadWriteOncePod claims
 * that a scheduled, not terminated pod already uses (cluster-wide); Filter rejects every node
 * while that count is above 0, as plain Unschedulable, so preemption may evict the holder:
 * removing a victim that uses one of those claims lowers the count (the PreFilter extensions), as
 * upstream does since the RWOP preemption support of 1.27. (The in-tree disk conflicts of GCE PD,
 * EBS, RBD and iSCSI volumes are not modelled: kubesim reads claims only.) PreFilter skips pods
 * without a ReadWriteOncePod claim.
 */
public final class VolumeRestrictions implements PreFilterPlugin, PreFilterExtensions, FilterPlugin {
    public static final String NAME = "VolumeRestrictions";
    public static final String ERR_READ_WRITE_ONCE_POD_CONFLICT =
            "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode";
    private static final Status CONFLICT = Status.unschedulable(NAME, ERR_READ_WRITE_ONCE_POD_CONFLICT);
    private static final CycleState.Key<State> KEY = new CycleState.Key<>(NAME);

    /** preFilterState: the pod's ReadWriteOncePod claims and how many uses of them other pods hold. */
    private static final class State implements CycleState.StateData {
        final String namespace;
        final Set<String> claims;
        int conflicts;

        State(String namespace, Set<String> claims, int conflicts) {
            this.namespace = namespace;
            this.claims = claims;
            this.conflicts = conflicts;
        }

        @Override
        public State copy() {
            return new State(namespace, claims, conflicts);
        }

        /** conflictingPVCRefCountForPod: the volumes of {@code p} that name one of the claims. */
        int usesBy(Pod p) {
            if (!p.namespace().equals(namespace)) {
                return 0;
            }
            int n = 0;
            for (PodVolume v : p.spec().volumes()) {
                n += claims.contains(v.claimName()) ? 1 : 0;
            }
            return n;
        }
    }

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
        Set<String> claims = new LinkedHashSet<>();
        for (PodVolume v : p.spec().volumes()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(p.namespace(), v.claimName());
            if (c != null && c.hasAccessMode(AccessMode.READ_WRITE_ONCE_POD)) {
                claims.add(v.claimName());
            }
        }
        if (claims.isEmpty()) {
            return Status.SKIP;
        }
        int conflicts = 0;
        for (String claim : claims) {
            for (Pod other : store.podsByNamespace().get(p.namespace())) {
                if (other != p && other.isBound() && !other.isTerminal()
                        && other.spec().volumes().stream().anyMatch(o -> o.claimName().equals(claim))) {
                    conflicts++; // IsPVCUsedByPods: one per claim in use
                    break;
                }
            }
        }
        state.put(KEY, new State(p.namespace(), claims, conflicts));
        return Status.SUCCESS;
    }

    @Override
    public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
        State s = state.get(KEY);
        if (s != null) {
            s.conflicts += s.usesBy(added.pod());
        }
    }

    @Override
    public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
        State s = state.get(KEY);
        if (s != null) {
            s.conflicts -= s.usesBy(removed.pod());
        }
    }

    /** satisfyReadWriteOncePod: Unschedulable (not Unresolvable) while another pod holds a claim. */
    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        State s = state.get(KEY);
        return s != null && s.conflicts > 0 ? CONFLICT : Status.SUCCESS;
    }
}
