package io.kubesim.controllers.volume;

import io.kubesim.api.PodVolume;
import io.kubesim.api.Taint;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.NodeLease;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.VolumeAttachment;
import io.kubesim.engine.ScheduledEvent;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The attach/detach controller (attach_detach_controller.go and reconciler.go, k8s-semantics.md
 * 14.5, 14.6). Its desired state: each bound attachable volume of each pod that is on a node and not
 * terminated (a Terminating pod on a dead node still counts) belongs on that node. Each pass
 * detaches first, then attaches:
 * <ul>
 *   <li>a volume no longer wanted on a node is detached (after {@link StorageConfig#detachTime()})
 *       once the node has unmounted it. A node whose kubelet has stopped reporting still lists the
 *       volume in {@code volumesInUse}: then the controller waits {@link #MAX_WAIT_FOR_UNMOUNT}
 *       (6 min) from the detach request and force-detaches if the node is not Ready (or deleted: its
 *       last volumesInUse still list the volume); the
 *       {@code node.kubernetes.io/out-of-service} taint skips the wait;</li>
 *   <li>a wanted volume is attached (after {@link StorageConfig#attachTime()}, event
 *       {@code SuccessfulAttachVolume}), unless it is single-node (ReadWriteOnce) and still
 *       attached elsewhere: then each waiting pod gets one Warning {@code FailedAttachVolume}
 *       "Multi-Attach error ..." worded as upstream.</li>
 * </ul>
 * Passes run once per instant in which something changed (upstream loops every 100 ms).
 */
public final class AttachDetachController {
    public static final String COMPONENT = "attachdetach-controller";
    public static final String RANDOM_STREAM = "attachdetach-controller";
    /** {@code ReconcilerMaxWaitForUnmountDuration}, 6 min (14.5). */
    public static final long MAX_WAIT_FOR_UNMOUNT = SimTime.minutes(6);
    /** The taint of non-graceful node shutdown, which skips the wait (14.6). */
    public static final String OUT_OF_SERVICE_TAINT = "node.kubernetes.io/out-of-service";

    private final ClusterStore store;
    private final EventRecorder events;
    private final StorageConfig config;
    private final RandomGenerator rng;
    /** Attachments whose detach call is under way (by name); lookup only. */
    private final Set<String> detaching = new HashSet<>();
    /** {@code podUid/pv} of the Multi-Attach errors already reported; lookup only. */
    private final Set<String> multiAttachReported = new HashSet<>();
    /** The stored pods with claims, in the order first seen: the only pods the desired state reads. */
    private final Set<Pod> podsWithClaims = new LinkedHashSet<>();
    private ScheduledEvent pass;
    private ScheduledEvent timer;
    private long forcedDetaches;

    public AttachDetachController(ClusterStore store, EventRecorder events, StorageConfig config) {
        this.store = store;
        this.events = events;
        this.config = config;
        this.rng = store.sim().random().stream(RANDOM_STREAM);
    }

    /** Registers the pod, claim and node watches. */
    public void start() {
        for (Pod p : store.pods().list()) {
            if (p.spec().hasClaims()) {
                podsWithClaims.add(p);
            }
        }
        store.pods().watch((type, pod) -> {
            if (pod.spec().hasClaims()) {
                if (type == io.kubesim.cluster.WatchEventType.DELETED || !store.pods().contains(pod)) {
                    podsWithClaims.remove(pod);
                } else {
                    podsWithClaims.add(pod);
                }
                requestPass();
            }
        });
        store.persistentVolumeClaims().watch((type, claim) -> requestPass());
        store.nodes().watch((type, node) -> {
            if (store.volumeAttachments().size() > 0) {
                requestPass();
            }
        });
        requestPass();
    }

    /** Detaches forced after the 6-minute wait so far. */
    public long forcedDetaches() {
        return forcedDetaches;
    }

    private void requestPass() {
        if (pass == null || !pass.isPending()) {
            pass = store.sim().schedule(0, this::reconcile);
        }
    }

    /** One pass: the desired state from the pods, then detaches, then attaches. */
    void reconcile() {
        long now = store.now();
        // pv -> node -> pods wanting it there, in pod creation order
        Map<String, Map<String, List<Pod>>> desired = new LinkedHashMap<>();
        for (Pod p : podsWithClaims) {
            if (!store.pods().contains(p) || !p.isBound() || p.isTerminal()) {
                continue;
            }
            for (PodVolume v : p.spec().volumes()) {
                PersistentVolumeClaim c = store.persistentVolumeClaims().get(p.namespace(), v.claimName());
                PersistentVolume pv = c == null || !c.isBound() ? null : store.persistentVolumes().get(c.volumeName());
                if (pv != null && pv.attachable()) {
                    desired.computeIfAbsent(c.volumeName(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(p.nodeName(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        long nextDeadline = Long.MAX_VALUE;
        for (VolumeAttachment a : new ArrayList<>(store.volumeAttachments().list())) {
            Map<String, List<Pod>> byNode = desired.get(a.volume());
            if (byNode != null && byNode.containsKey(a.node())) {
                if (a.detachRequestedAt() >= 0 && !detaching.contains(a.metadata().name())) {
                    a.setDetachRequestedAt(-1);
                    store.volumeAttachments().update(a);
                }
                continue;
            }
            if (detaching.contains(a.metadata().name())) {
                continue;
            }
            if (a.detachRequestedAt() < 0) {
                a.setDetachRequestedAt(now);
                store.volumeAttachments().update(a);
            }
            Node node = store.nodes().get(a.node());
            // A deleted Node keeps the volumesInUse it last reported (nodeDelete's processVolumesInUse):
            // the volume counts as mounted on an unhealthy node, so it too waits for the force detach.
            if (node != null && (!stillMounted(node) || hasOutOfServiceTaint(node))) {
                detach(a, false);
            } else {
                long deadline = a.detachRequestedAt() + MAX_WAIT_FOR_UNMOUNT;
                if (now >= deadline && (node == null || !node.isReady())) {
                    detach(a, true);
                } else if (now < deadline) {
                    nextDeadline = Math.min(nextDeadline, deadline);
                }
            }
        }
        for (Map.Entry<String, Map<String, List<Pod>>> e : desired.entrySet()) {
            PersistentVolume pv = store.persistentVolumes().get(e.getKey());
            for (Map.Entry<String, List<Pod>> onNode : e.getValue().entrySet()) {
                attach(pv, onNode.getKey(), onNode.getValue(), desired.get(pv.name()));
            }
        }
        if (nextDeadline != Long.MAX_VALUE && (timer == null || !timer.isPending() || timer.time() > nextDeadline)) {
            if (timer != null) {
                timer.cancel();
            }
            timer = store.sim().scheduleAt(nextDeadline, this::reconcile);
        }
    }

    /**
     * Whether the node still lists its volumes in {@code status.volumesInUse}: its kubelet has
     * stopped reporting (the machine is down), so nothing unmounts them. A live kubelet unmounts a
     * volume when the pod's containers have stopped, before the pod object goes.
     */
    private boolean stillMounted(Node node) {
        NodeLease lease = store.nodeLeases().get(node.name());
        return lease != null && !lease.renewing();
    }

    private static boolean hasOutOfServiceTaint(Node node) {
        for (Taint t : node.taints()) {
            if (t.key().equals(OUT_OF_SERVICE_TAINT)) {
                return true;
            }
        }
        return false;
    }

    private void detach(VolumeAttachment a, boolean forced) {
        detaching.add(a.metadata().name());
        if (forced) {
            forcedDetaches++;
        }
        store.sim().schedule(config.detachTime().sample(rng), () -> {
            detaching.remove(a.metadata().name());
            store.volumeAttachments().remove(a);
            reconcile();
        });
    }

    private void attach(PersistentVolume pv, String node, List<Pod> pods, Map<String, List<Pod>> allNodes) {
        String name = VolumeAttachment.nameOf(pv.name(), node);
        if (store.volumeAttachments().get(name) != null) {
            return;
        }
        if (!pv.multiAttachAllowed()) {
            List<String> otherNodes = new ArrayList<>();
            for (VolumeAttachment a : store.volumeAttachments().list()) {
                if (a.volume().equals(pv.name()) && !a.node().equals(node)) {
                    otherNodes.add(a.node());
                }
            }
            if (!otherNodes.isEmpty()) {
                reportMultiAttach(pv, pods, otherNodes, allNodes);
                return;
            }
        }
        VolumeAttachment a = new VolumeAttachment(new ObjectMeta("", name, store.newUid()), pv.name(), node);
        store.volumeAttachments().create(a);
        store.sim().schedule(config.attachTime().sample(rng), () -> {
            if (!store.volumeAttachments().contains(a)) {
                return;
            }
            a.setAttached(true);
            store.volumeAttachments().update(a);
            for (Pod p : pods) {
                if (store.pods().contains(p)) {
                    events.normal(COMPONENT, p, "SuccessfulAttachVolume",
                            "AttachVolume.Attach succeeded for volume \"" + pv.name() + "\"");
                }
            }
        });
    }

    /** upstream reportMultiAttachError: once per waiting pod, naming the users on the other nodes. */
    private void reportMultiAttach(PersistentVolume pv, List<Pod> pods, List<String> otherNodes,
                                   Map<String, List<Pod>> allNodes) {
        String namespace = pods.get(0).namespace();
        List<String> names = new ArrayList<>();
        int otherNamespaces = 0;
        for (String n : otherNodes) {
            for (Pod p : allNodes.getOrDefault(n, List.of())) {
                if (p.namespace().equals(namespace)) {
                    names.add(p.name());
                } else {
                    otherNamespaces++;
                }
            }
        }
        String detail;
        if (!names.isEmpty()) {
            detail = "Volume is already used by pod(s) " + String.join(", ", names)
                    + (otherNamespaces > 0 ? " and " + otherNamespaces + " pod(s) in different namespaces" : "");
        } else if (otherNamespaces > 0) {
            detail = "Volume is already used by " + otherNamespaces + " pod(s) in different namespaces";
        } else {
            detail = "Volume is already exclusively attached to one node and can't be attached to another";
        }
        for (Pod p : pods) {
            if (multiAttachReported.add(p.metadata().uid() + "/" + pv.name())) {
                events.warning(COMPONENT, p, "FailedAttachVolume",
                        "Multi-Attach error for volume \"" + pv.name() + "\" " + detail);
            }
        }
    }
}
