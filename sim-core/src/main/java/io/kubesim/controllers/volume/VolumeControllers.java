package io.kubesim.controllers.volume;

import io.kubesim.api.Manifest;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.metrics.EventRecorder;
import java.util.List;

/**
 * The volume side of kube-controller-manager, started together: the PersistentVolume controller
 * with the external provisioner, the attach/detach controller and the pvc-protection controller
 * (k8s-semantics.md 14). They run only when the manifests have claims, volumes or classes: their
 * pod and node watches would otherwise only add engine events.
 */
public final class VolumeControllers {
    private final ClusterStore store;
    private final PersistentVolumeController volumes;
    private final AttachDetachController attachDetach;

    private VolumeControllers(ClusterStore store, PersistentVolumeController volumes,
                              AttachDetachController attachDetach) {
        this.store = store;
        this.volumes = volumes;
        this.attachDetach = attachDetach;
    }

    /**
     * Whether the manifests use storage: a PersistentVolumeClaim, PersistentVolume or StorageClass,
     * or a pod (bare or in a template) with a claim-backed volume, or a StatefulSet with
     * volumeClaimTemplates.
     */
    public static boolean needed(List<Manifest> manifests) {
        for (Manifest m : manifests) {
            if (m instanceof Manifest.PersistentVolumeClaimManifest || m instanceof Manifest.PersistentVolumeManifest
                    || m instanceof Manifest.StorageClassManifest) {
                return true;
            }
            if (m instanceof Manifest.PodManifest p && p.spec().hasClaims()
                    || m instanceof Manifest.DeploymentManifest d && d.template().spec().hasClaims()
                    || m instanceof Manifest.ReplicaSetManifest r && r.template().spec().hasClaims()
                    || m instanceof Manifest.StatefulSetManifest s
                    && (s.template().spec().hasClaims() || !s.volumeClaimTemplates().isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** Builds and starts the three controllers. */
    public static VolumeControllers start(ClusterStore store, EventRecorder events, StorageConfig config) {
        PersistentVolumeController volumes = new PersistentVolumeController(store, events, config);
        AttachDetachController attachDetach = new AttachDetachController(store, events, config);
        volumes.start();
        attachDetach.start();
        new PvcProtection(store).start();
        return new VolumeControllers(store, volumes, attachDetach);
    }

    /** The counts for summary.json, as of now. */
    public VolumeStats stats() {
        return VolumeStats.of(store, volumes.provisioned(), attachDetach.forcedDetaches());
    }
}
