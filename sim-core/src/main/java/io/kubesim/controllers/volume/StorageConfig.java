package io.kubesim.controllers.volume;

import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.List;

/**
 * The storage back end the scenario describes ({@code storage} in the scenario file): how long
 * each provisioner takes to create a volume and in which zones it can, and how long attaching and
 * detaching a volume take. Nothing here is in a manifest: it is the cloud's side of the CSI driver.
 *
 * <p>Defaults (estimates, not upstream constants): a volume is provisioned in about 5 s (a cloud
 * block volume's CreateVolume, e.g. EBS gp3 or a GCE PD, typically completes in a few seconds, plus
 * the external-provisioner's watch and status poll), in any zone; it attaches in about 10 s and
 * detaches in about 5 s (a cloud AttachVolume / DetachVolume call plus the CSI attacher's poll).
 *
 * @param provisioners per StorageClass or provisioner, in the scenario's order; a class none names
 *                     provisions with {@link #DEFAULT_PROVISIONING_TIME} in any zone
 * @param attachTime   how long an attach takes (AttachVolume), drawn per attach
 * @param detachTime   how long a detach takes once the controller starts it, drawn per detach
 * @param defaultStorageClass whether the cluster has its own default StorageClass ({@link
 *                     #DEFAULT_CLASS_NAME}) when the manifests mark none default, as every managed
 *                     cluster does (GKE {@code standard-rwo}, EKS {@code gp2}, AKS {@code default})
 */
public record StorageConfig(List<Provisioner> provisioners, DurationDistribution attachTime,
                            DurationDistribution detachTime, boolean defaultStorageClass) {
    /** The name of the cluster's own default StorageClass. */
    public static final String DEFAULT_CLASS_NAME = "standard";
    /** Its provisioner, standing for the cloud's CSI driver. */
    public static final String DEFAULT_CLASS_PROVISIONER = "kubesim.io/default-provisioner";
    public static final DurationDistribution DEFAULT_PROVISIONING_TIME =
            new DurationDistribution.Constant(SimTime.seconds(5));
    public static final DurationDistribution DEFAULT_ATTACH_TIME = new DurationDistribution.Constant(SimTime.seconds(10));
    public static final DurationDistribution DEFAULT_DETACH_TIME = new DurationDistribution.Constant(SimTime.seconds(5));
    public static final StorageConfig DEFAULT = new StorageConfig(List.of(), DEFAULT_ATTACH_TIME, DEFAULT_DETACH_TIME,
            true);

    public StorageConfig {
        provisioners = List.copyOf(provisioners);
        attachTime = attachTime == null ? DEFAULT_ATTACH_TIME : attachTime;
        detachTime = detachTime == null ? DEFAULT_DETACH_TIME : detachTime;
    }

    /** A back end whose cluster has its own default StorageClass. */
    public StorageConfig(List<Provisioner> provisioners, DurationDistribution attachTime,
                         DurationDistribution detachTime) {
        this(provisioners, attachTime, detachTime, true);
    }

    /**
     * How one provisioner behaves.
     *
     * @param storageClass     the StorageClass it applies to, or "" when matched by provisioner
     * @param provisioner      the provisioner string it applies to (e.g. {@code ebs.csi.aws.com}), or ""
     * @param provisioningTime how long creating a volume takes
     * @param zones            the zones it can create volumes in; empty: any zone
     */
    public record Provisioner(String storageClass, String provisioner, DurationDistribution provisioningTime,
                              List<String> zones) {
        public Provisioner {
            storageClass = storageClass == null ? "" : storageClass;
            provisioner = provisioner == null ? "" : provisioner;
            provisioningTime = provisioningTime == null ? DEFAULT_PROVISIONING_TIME : provisioningTime;
            zones = List.copyOf(zones);
        }
    }

    /**
     * Whether the class's provisioner can create a volume in {@code zone} (what CSIStorageCapacity
     * would publish): true unless its entry lists zones and {@code zone} is not among them.
     */
    public boolean canProvision(String storageClass, String provisioner, String zone) {
        List<String> zones = provisionerFor(storageClass, provisioner).zones();
        return zones.isEmpty() || zones.contains(zone);
    }

    /** The entry for a class: one naming the class first, else one naming its provisioner, else the default. */
    public Provisioner provisionerFor(String storageClass, String provisioner) {
        for (Provisioner p : provisioners) {
            if (!p.storageClass().isEmpty() && p.storageClass().equals(storageClass)) {
                return p;
            }
        }
        for (Provisioner p : provisioners) {
            if (p.storageClass().isEmpty() && p.provisioner().equals(provisioner)) {
                return p;
            }
        }
        return new Provisioner(storageClass, provisioner, DEFAULT_PROVISIONING_TIME, List.of());
    }
}
