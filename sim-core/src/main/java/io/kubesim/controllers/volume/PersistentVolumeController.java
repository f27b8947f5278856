package io.kubesim.controllers.volume;

import io.kubesim.api.NodeSelectorTerm;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.StorageClass;
import io.kubesim.cluster.VolumeMatching;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The PersistentVolume controller (pv_controller.go) with the external provisioner beside it
 * (k8s-semantics.md 14.1, 14.2). On every claim and volume change it syncs the Pending claims:
 * <ul>
 *   <li>a claim of a WaitForFirstConsumer class waits (event {@code WaitForFirstConsumer}) until
 *       the scheduler has written the selected-node annotation;</li>
 *   <li>a matching static volume (pre-bound, else the smallest) is bound at once;</li>
 *   <li>otherwise, when the class has a provisioner, the claim is handed to it (event
 *       {@code ExternalProvisioning}); the provisioner ({@code Provisioning}) creates
 *       {@code pvc-<uid>} after its provisioning time, in the selected node's zone, or with
 *       Immediate binding in the zone {@link ZoneChooser} picks, and the claim binds to it
 *       ({@code ProvisioningSucceeded});</li>
 *   <li>a claim with no class, or a class that no one provisions, stays Pending with upstream's
 *       warning.</li>
 * </ul>
 * Upstream repeats the waiting events on its 15 s resync (the API aggregates them into a count);
 * kubesim records each once per claim, and reacts to watch events instead of resyncing. When a
 * claim is deleted its volume is deleted (reclaim policy Delete) or Released (Retain).
 */
public final class PersistentVolumeController {
    /** The event source of the PV controller. */
    public static final String COMPONENT = "persistentvolume-controller";
    public static final String RANDOM_STREAM = "pv-provisioner";
    public static final String MSG_NO_CLASS = "no persistent volumes available for this claim and no storage class is set";
    public static final String MSG_WAIT_FOR_FIRST_CONSUMER = "waiting for first consumer to be created before binding";

    private final ClusterStore store;
    private final EventRecorder events;
    private final StorageConfig config;
    private final RandomGenerator rng;
    /** Claims (uid) handed to a provisioner; lookup only. */
    private final Set<String> provisioning = new HashSet<>();
    /** {@code uid/reason} of the waiting events already recorded; lookup only. */
    private final Set<String> reported = new HashSet<>();
    private long provisioned;

    public PersistentVolumeController(ClusterStore store, EventRecorder events, StorageConfig config) {
        this.store = store;
        this.events = events;
        this.config = config;
        this.rng = store.sim().random().stream(RANDOM_STREAM);
    }

    /** Registers the claim and volume watches and syncs the claims already stored. */
    public void start() {
        store.persistentVolumeClaims().watch(this::onClaim);
        store.persistentVolumes().watch((type, pv) -> {
            if (type != WatchEventType.DELETED) {
                syncPendingClaims();
            }
        });
        syncPendingClaims();
    }

    /** Volumes created by provisioners so far. */
    public long provisioned() {
        return provisioned;
    }

    private void onClaim(WatchEventType type, PersistentVolumeClaim claim) {
        if (type == WatchEventType.DELETED) {
            reclaim(claim);
            return;
        }
        if (store.persistentVolumeClaims().contains(claim)) {
            syncClaim(claim);
        }
    }

    private void syncPendingClaims() {
        for (PersistentVolumeClaim c : new ArrayList<>(store.persistentVolumeClaims().list())) {
            syncClaim(c);
        }
    }

    /** upstream syncUnboundClaim, for a claim not bound yet. */
    void syncClaim(PersistentVolumeClaim claim) {
        if (claim.isBound() || claim.metadata().isDeleting()) {
            return;
        }
        String cls = claim.storageClassName() == null ? "" : claim.storageClassName();
        StorageClass sc = cls.isEmpty() ? null : store.storageClasses().get(cls);
        if (sc != null && sc.waitForFirstConsumer() && claim.selectedNode().isEmpty() && claim.volumeName().isEmpty()) {
            once(claim, "WaitForFirstConsumer", false, MSG_WAIT_FOR_FIRST_CONSUMER);
            return;
        }
        Node selected = claim.selectedNode().isEmpty() ? null : store.nodes().get(claim.selectedNode());
        PersistentVolume pv = VolumeMatching.find(store, claim, sc != null && sc.waitForFirstConsumer() ? selected : null);
        if (pv != null) {
            bind(claim, pv);
            return;
        }
        if (!claim.volumeName().isEmpty()) {
            return; // waits for the named volume to appear
        }
        if (cls.isEmpty()) {
            once(claim, "FailedBinding", true, MSG_NO_CLASS);
            return;
        }
        if (sc == null) {
            once(claim, "ProvisioningFailed", true, "storageclass.storage.k8s.io \"" + cls + "\" not found");
            return;
        }
        if (sc.provisioner().equals(StorageClass.NO_PROVISIONER)) {
            once(claim, "ProvisioningFailed", true, "no volume plugin matched name: " + StorageClass.NO_PROVISIONER);
            return;
        }
        provision(claim, sc, selected);
    }

    private void bind(PersistentVolumeClaim claim, PersistentVolume pv) {
        pv.bind(claim);
        store.persistentVolumes().update(pv);
        claim.bind(pv, store.now());
        store.persistentVolumeClaims().update(claim);
    }

    /** Hands the claim to its class's external provisioner, which creates the volume after its time. */
    private void provision(PersistentVolumeClaim claim, StorageClass sc, Node selected) {
        if (!provisioning.add(claim.metadata().uid())) {
            return;
        }
        claim.metadata().putAnnotation(PersistentVolumeClaim.STORAGE_PROVISIONER_ANNOTATION, sc.provisioner());
        store.persistentVolumeClaims().update(claim);
        events.normal(COMPONENT, claim, "ExternalProvisioning", "Waiting for a volume to be created either by the "
                + "external provisioner '" + sc.provisioner() + "' or manually by the system administrator. If volume "
                + "creation is delayed, please verify that the provisioner is running and correctly registered.");
        events.normal(sc.provisioner(), claim, "Provisioning", "External provisioner is provisioning volume for claim \""
                + claim.metadata().key() + "\"");
        StorageConfig.Provisioner p = config.provisionerFor(sc.name(), sc.provisioner());
        String zone = zoneFor(claim, sc, p, selected);
        store.sim().schedule(p.provisioningTime().sample(rng), () -> created(claim, sc, zone));
    }

    private void created(PersistentVolumeClaim claim, StorageClass sc, String zone) {
        provisioning.remove(claim.metadata().uid());
        if (!store.persistentVolumeClaims().contains(claim) || claim.isBound()) {
            return;
        }
        String name = "pvc-" + claim.metadata().uid();
        List<NodeSelectorTerm> affinity = zone.isEmpty() ? List.of()
                : List.of(new NodeSelectorTerm(List.of(new Requirement(Node.LABEL_ZONE, SelectorOperator.IN,
                List.of(zone))), List.of()));
        ObjectMeta meta = new ObjectMeta("", name, store.newUid());
        meta.putAnnotation("pv.kubernetes.io/provisioned-by", sc.provisioner());
        PersistentVolume pv = new PersistentVolume(meta, claim.storageRequest(), claim.accessModes(), sc.name(),
                sc.reclaimPolicy(), affinity, claim.metadata().key(), true, true);
        provisioned++;
        events.normal(sc.provisioner(), claim, "ProvisioningSucceeded", "Successfully provisioned volume " + name);
        store.persistentVolumes().create(pv);
    }

    /**
     * The zone of a new volume: the selected node's (WaitForFirstConsumer), else upstream's
     * name-hashed choice among the zones the class's allowedTopologies and the provisioner allow
     * (the provisioner's zones when it lists some, else the nodes'); "" when no zone applies.
     */
    private String zoneFor(PersistentVolumeClaim claim, StorageClass sc, StorageConfig.Provisioner p, Node selected) {
        if (selected != null) {
            return selected.zone();
        }
        TreeSet<String> candidates = new TreeSet<>(p.zones());
        if (candidates.isEmpty()) {
            for (Node n : store.nodes().list()) {
                if (!n.zone().isEmpty()) {
                    candidates.add(n.zone());
                }
            }
        }
        candidates.removeIf(z -> !sc.allows(Map.of(Node.LABEL_ZONE, z)));
        return candidates.isEmpty() ? "" : ZoneChooser.choose(new ArrayList<>(candidates), claim.name());
    }

    /** The claim is gone: its volume is deleted (reclaim policy Delete) or kept Released (Retain). */
    private void reclaim(PersistentVolumeClaim claim) {
        provisioning.remove(claim.metadata().uid());
        if (claim.volumeName().isEmpty()) {
            return;
        }
        PersistentVolume pv = store.persistentVolumes().get(claim.volumeName());
        if (pv == null || !pv.claimRef().equals(claim.metadata().key())) {
            return;
        }
        if ("Delete".equals(pv.reclaimPolicy())) {
            store.persistentVolumes().remove(pv);
        } else {
            pv.release();
            store.persistentVolumes().update(pv);
        }
    }

    private void once(PersistentVolumeClaim claim, String reason, boolean warning, String message) {
        if (reported.add(claim.metadata().uid() + "/" + reason)) {
            if (warning) {
                events.warning(COMPONENT, claim, reason, message);
            } else {
                events.normal(COMPONENT, claim, reason, message);
            }
        }
    }
}
