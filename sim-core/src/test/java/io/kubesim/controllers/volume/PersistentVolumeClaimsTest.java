package io.kubesim.controllers.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.AccessMode;
import io.kubesim.api.Container;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodVolume;
import io.kubesim.api.Resources;
import io.kubesim.api.VolumeBindingMode;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The public way to create and delete claims (what a StatefulSet's claim templates use): the
 * DefaultStorageClass admission and the pvc-protection finalizer (k8s-semantics.md 14.1).
 */
class PersistentVolumeClaimsTest {
    private static Manifest.StorageClassManifest storageClass(String name, boolean isDefault) {
        return new Manifest.StorageClassManifest(name, "ebs.csi.aws.com", "Delete", VolumeBindingMode.IMMEDIATE,
                List.of(), isDefault, Manifest.Origin.UNKNOWN);
    }

    private static ClusterSimulation simulation(List<Manifest> manifests) {
        SimulationSpec spec = new SimulationSpec("claims", 1, SimTime.minutes(10), SimTime.seconds(1),
                List.of(new NodePool("n", 2, Resources.of(4000, 16L << 30), 110, Map.of(), List.of(), List.of("a"))),
                manifests, Map.of(), ApplicationModel.DEFAULT, List.of());
        return new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
    }

    @Test
    @DisplayName("14.1, 16: a claim without class gets the default class; \"\" stays \"no class\"; none without a default")
    void defaultStorageClassAdmission() {
        ClusterSimulation sim = simulation(List.of(storageClass("standard", false), storageClass("gp3", true)));
        var store = sim.store();
        PersistentVolumeClaim unset = PersistentVolumeClaims.create(store, "default", "www-web-0", Map.of("app", "web"),
                null, List.of(AccessMode.READ_WRITE_ONCE), 1L << 30, null);
        PersistentVolumeClaim none = PersistentVolumeClaims.create(store, "default", "plain", Map.of(), "",
                List.of(AccessMode.READ_WRITE_ONCE), 1L << 30, null);
        assertEquals("gp3", unset.storageClassName());
        assertEquals(Map.of("app", "web"), unset.metadata().labels());
        assertEquals("", none.storageClassName());
        sim.run(SimTime.seconds(30));
        assertTrue(unset.isBound(), "provisioned by gp3's provisioner");

        ClusterSimulation withoutDefault = simulation(List.of(storageClass("standard", false)));
        assertNull(PersistentVolumeClaims.create(withoutDefault.store(), "default", "x", Map.of(), null,
                List.of(AccessMode.READ_WRITE_ONCE), 1L << 30, null).storageClassName());
        assertNull(PersistentVolumeClaims.defaultClass(withoutDefault.store()));
    }

    @Test
    @DisplayName("14.1: a claim deleted while a pod uses it stays (deleting) until the pod is gone (pvc-protection)")
    void pvcProtection() {
        Container c = new Container("app", "app:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(), null, null,
                null, null, false);
        PodSpec spec = PodSpec.of(List.of(c)).withVolumes(List.of(new PodVolume("data", "data", false)));
        ClusterSimulation sim = simulation(List.of(storageClass("gp3", true),
                new Manifest.PersistentVolumeClaimManifest("default", "data", Map.of(), Map.of(), null,
                        List.of(AccessMode.READ_WRITE_ONCE), 1L << 30, "", null, Manifest.Origin.UNKNOWN),
                new Manifest.PodManifest("default", "web", Map.of(), Map.of(), spec, Manifest.Origin.UNKNOWN)));
        sim.run(SimTime.seconds(60));
        var store = sim.store();
        PersistentVolumeClaim claim = store.persistentVolumeClaims().get("default", "data");
        String volume = claim.volumeName();
        PersistentVolumeClaims.delete(store, claim);
        assertTrue(store.persistentVolumeClaims().contains(claim), "kept while web uses it");
        assertTrue(claim.metadata().isDeleting());
        store.deletePod(store.pods().get("default", "web"), 0L);
        sim.run(SimTime.seconds(120));
        assertNull(store.persistentVolumeClaims().get("default", "data"), "removed once the pod is gone");
        assertNull(store.persistentVolumes().get(volume), "reclaim policy Delete: the volume goes too");
    }
}
