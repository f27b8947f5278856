package io.kubesim.scheduler.plugins;

import io.kubesim.api.PodVolume;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StorageClass;
import io.kubesim.cluster.VolumeMatching;
import io.kubesim.engine.SimTime;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The VolumeBinding plugin (volumebinding/volume_binding.go and binder.go, k8s-semantics.md 14.2,
 * 14.3). PreFilter sorts the pod's claims into bound ones and unbound WaitForFirstConsumer ones,
 * and rejects a pod with a missing or deleting claim or an unbound claim of an Immediate class.
 * Filter rejects nodes a bound volume's node affinity excludes, and, for each unbound
 * WaitForFirstConsumer claim, nodes with neither a matching static volume reachable from them nor
 * a way to provision one there (the class's provisioner, allowedTopologies and the storage
 * capacity the scenario gives). Every rejection is UnschedulableAndUnresolvable.
 *
 * <p>{@link #preBind} runs in the binding cycle: it binds the static volume chosen for each unbound
 * claim, or writes the {@code volume.kubernetes.io/selected-node} annotation for the provisioner,
 * then checks every second until every claim is bound, for at most {@link #BIND_TIMEOUT} (600 s).
 * A pod without claims skips all of it.
 */
public final class VolumeBinding implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "VolumeBinding";
    public static final String ERR_UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
    public static final String ERR_NODE_CONFLICT = "node(s) had volume node affinity conflict";
    public static final String ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
    public static final String ERR_NO_CAPACITY = "node(s) did not have enough free storage";
    public static final String ERR_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
    /** {@code bindTimeoutSeconds}, 600 s (3.1). */
    public static final long BIND_TIMEOUT = SimTime.seconds(600);
    /** How often PreBind checks whether the claims are bound (upstream polls each second). */
    public static final long BIND_POLL = SimTime.seconds(1);

    /** Whether the storage behind a class can create a volume in a node's topology (CSIStorageCapacity). */
    public interface StorageCapacity {
        StorageCapacity UNLIMITED = (sc, node) -> true;

        boolean canProvision(StorageClass storageClass, Node node);
    }

    private static final Status NODE_CONFLICT = Status.unresolvable(NAME, ERR_NODE_CONFLICT);
    private static final Status BIND_CONFLICT = Status.unresolvable(NAME, ERR_BIND_CONFLICT);
    private static final Status NO_CAPACITY = Status.unresolvable(NAME, ERR_NO_CAPACITY);
    private static final Status PV_NOT_EXIST = Status.unresolvable(NAME, ERR_PV_NOT_EXIST);
    private static final CycleState.Key<PodVolumes> KEY = new CycleState.Key<>(NAME);

    /** The pod's claims as PreFilter sorted them. */
    record PodVolumes(List<PersistentVolume> bound, boolean boundMissing, List<PersistentVolumeClaim> unbound) {
    }

    private final ClusterStore store;
    private final StorageCapacity capacity;

    public VolumeBinding(ClusterStore store, StorageCapacity capacity) {
        this.store = store;
        this.capacity = capacity;
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
        List<PersistentVolume> bound = new ArrayList<>();
        List<PersistentVolumeClaim> unbound = new ArrayList<>();
        boolean missing = false;
        boolean unboundImmediate = false;
        for (PodVolume v : p.spec().volumes()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(p.namespace(), v.claimName());
            if (c == null) {
                return Status.unresolvable(NAME, "persistentvolumeclaim \"" + v.claimName() + "\" not found");
            }
            if (c.metadata().isDeleting()) {
                return Status.unresolvable(NAME, "persistentvolumeclaim \"" + v.claimName() + "\" is being deleted");
            }
            if (c.isBound()) {
                PersistentVolume pv = store.persistentVolumes().get(c.volumeName());
                if (pv == null) {
                    missing = true;
                } else {
                    bound.add(pv);
                }
                continue;
            }
            String cls = c.storageClassName() == null ? "" : c.storageClassName();
            StorageClass sc = cls.isEmpty() ? null : store.storageClasses().get(cls);
            // upstream IsDelayBindingMode: no class, or a class that does not exist, is Immediate.
            if (sc == null || !sc.waitForFirstConsumer()) {
                unboundImmediate = true;
            } else {
                unbound.add(c);
            }
        }
        if (unboundImmediate) {
            return Status.unresolvable(NAME, ERR_UNBOUND_IMMEDIATE);
        }
        state.put(KEY, new PodVolumes(bound, missing, unbound));
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        PodVolumes v = state.get(KEY);
        if (v == null) {
            return Status.SUCCESS;
        }
        if (v.boundMissing()) {
            return PV_NOT_EXIST;
        }
        Node n = node.node();
        for (PersistentVolume pv : v.bound()) {
            if (!pv.reachableFrom(n)) {
                return NODE_CONFLICT;
            }
        }
        for (PersistentVolumeClaim c : v.unbound()) {
            if (VolumeMatching.find(store, c, n) != null) {
                continue;
            }
            StorageClass sc = store.storageClasses().get(c.storageClassName());
            if (sc.provisioner().equals(StorageClass.NO_PROVISIONER) || !sc.allows(n.labels())) {
                return BIND_CONFLICT;
            }
            if (!capacity.canProvision(sc, n)) {
                return NO_CAPACITY;
            }
        }
        return Status.SUCCESS;
    }

    /**
     * The binding cycle's PreBind for a pod placed on {@code nodeName}: binds a static volume or
     * asks for provisioning for each unbound claim, then runs {@code bind} once every claim is
     * bound (at once when they all were), or {@code failed} with upstream's message after
     * {@link #BIND_TIMEOUT}.
     */
    public void preBind(Pod pod, String nodeName, Runnable bind, Consumer<String> failed) {
        Node node = store.nodes().get(nodeName);
        for (PodVolume v : pod.spec().volumes()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(pod.namespace(), v.claimName());
            if (c == null || c.isBound() || node == null) {
                continue;
            }
            PersistentVolume pv = VolumeMatching.find(store, c, node);
            if (pv != null) {
                pv.bind(c);
                store.persistentVolumes().update(pv);
                c.bind(pv, store.now());
                store.persistentVolumeClaims().update(c);
            } else if (!nodeName.equals(c.selectedNode())) {
                c.metadata().putAnnotation(PersistentVolumeClaim.SELECTED_NODE_ANNOTATION, nodeName);
                store.persistentVolumeClaims().update(c);
            }
        }
        awaitBound(pod, store.now() + BIND_TIMEOUT, bind, failed);
    }

    private void awaitBound(Pod pod, long deadline, Runnable bind, Consumer<String> failed) {
        if (!store.pods().contains(pod) || allBound(pod)) {
            bind.run();
            return;
        }
        if (store.now() >= deadline) {
            failed.accept("running PreBind plugin \"" + NAME + "\": binding volumes: timed out waiting for the condition");
            return;
        }
        store.sim().schedule(BIND_POLL, () -> awaitBound(pod, deadline, bind, failed));
    }

    private boolean allBound(Pod pod) {
        for (PodVolume v : pod.spec().volumes()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(pod.namespace(), v.claimName());
            if (c == null || !c.isBound()) {
                return false;
            }
        }
        return true;
    }
}
