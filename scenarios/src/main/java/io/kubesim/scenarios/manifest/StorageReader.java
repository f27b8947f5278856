package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySelectorLabelRequirement;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import io.kubesim.api.AccessMode;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.NodeSelectorTerm;
import io.kubesim.api.PodVolume;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.api.VolumeBindingMode;
import io.kubesim.cluster.StorageClass;
import io.kubesim.scenarios.Quantities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads StorageClasses, PersistentVolumes and PersistentVolumeClaims (k8s-semantics.md 14.1,
 * 14.2) and the claim-backed volumes of a pod spec, refusing what the API server's validation
 * refuses (a claim without access modes or storage request, an unknown access mode or binding
 * mode) and applying its defaults (PV reclaim policy Retain, class reclaim policy Delete,
 * binding mode Immediate, 16).
 */
final class StorageReader {
    private static final String ACCESS_MODES = "ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod";

    private StorageReader() {
    }

    static Manifest.StorageClassManifest storageClass(ObjectContext ctx, StorageClassResource sc,
                                                      ObjectMetaReader.Meta meta) {
        if (sc.getProvisioner() == null || sc.getProvisioner().isEmpty()) {
            throw ctx.errorAtKey("", "a StorageClass needs a provisioner (e.g. ebs.csi.aws.com, or "
                    + StorageClass.NO_PROVISIONER + " for volumes created by hand)");
        }
        String reclaim = sc.getReclaimPolicy();
        if (reclaim != null && !List.of("Delete", "Retain").contains(reclaim)) {
            throw ctx.error("/reclaimPolicy", "expected Delete or Retain, got \"" + reclaim + "\"");
        }
        VolumeBindingMode mode;
        String m = sc.getVolumeBindingMode();
        if (m == null || m.equals("Immediate")) {
            mode = VolumeBindingMode.IMMEDIATE;
        } else if (m.equals("WaitForFirstConsumer")) {
            mode = VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER;
        } else {
            throw ctx.error("/volumeBindingMode", "expected Immediate or WaitForFirstConsumer, got \"" + m + "\"");
        }
        List<NodeSelectorTerm> topologies = new ArrayList<>();
        List<TopologySelectorTerm> terms = sc.getAllowedTopologies() == null ? List.of() : sc.getAllowedTopologies();
        for (int i = 0; i < terms.size(); i++) {
            List<Requirement> reqs = new ArrayList<>();
            List<TopologySelectorLabelRequirement> exprs = terms.get(i) == null
                    || terms.get(i).getMatchLabelExpressions() == null ? List.of() : terms.get(i).getMatchLabelExpressions();
            for (int j = 0; j < exprs.size(); j++) {
                TopologySelectorLabelRequirement r = exprs.get(j);
                String p = "/allowedTopologies/" + i + "/matchLabelExpressions/" + j;
                if (r.getKey() == null || r.getKey().isEmpty() || r.getValues() == null || r.getValues().isEmpty()) {
                    throw ctx.error(p, "a topology requirement needs a key and at least one value");
                }
                reqs.add(new Requirement(r.getKey(), SelectorOperator.IN, r.getValues()));
            }
            topologies.add(new NodeSelectorTerm(reqs, List.of()));
        }
        boolean isDefault = "true".equals(meta.annotations().get(StorageClass.IS_DEFAULT_ANNOTATION))
                || "true".equals(meta.annotations().get("storageclass.beta.kubernetes.io/is-default-class"));
        return new Manifest.StorageClassManifest(meta.name(), sc.getProvisioner(), reclaim, mode, topologies, isDefault,
                ctx.origin());
    }

    static Manifest.PersistentVolumeClaimManifest claim(ObjectContext ctx, PersistentVolumeClaim pvc,
                                                        ObjectMetaReader.Meta meta) {
        var spec = pvc.getSpec();
        if (spec == null) {
            throw ctx.errorAtKey("", "a PersistentVolumeClaim needs a spec with accessModes and resources.requests.storage");
        }
        List<AccessMode> modes = accessModes(ctx, "/spec/accessModes", spec.getAccessModes());
        Map<String, Quantity> requests = spec.getResources() == null ? null : spec.getResources().getRequests();
        if (requests == null || !requests.containsKey("storage")) {
            throw ctx.errorAtKey(spec.getResources() == null ? "/spec" : "/spec/resources",
                    "spec.resources.requests.storage is required (the API server refuses a claim without it)");
        }
        long storage = bytes(ctx, "/spec/resources/requests/storage");
        LabelSelector selector = spec.getSelector() == null ? null
                : SelectorReader.labelSelector(ctx, "/spec/selector", spec.getSelector());
        return new Manifest.PersistentVolumeClaimManifest(meta.namespace(), meta.name(), meta.labels(),
                meta.annotations(), legacyClass(meta.annotations(), spec.getStorageClassName()), modes, storage,
                spec.getVolumeName(), selector, ctx.origin());
    }

    static Manifest.PersistentVolumeManifest volume(ObjectContext ctx, PersistentVolume pv, ObjectMetaReader.Meta meta) {
        var spec = pv.getSpec();
        if (spec == null || spec.getCapacity() == null || !spec.getCapacity().containsKey("storage")) {
            throw ctx.errorAtKey(spec == null ? "" : "/spec",
                    "a PersistentVolume needs spec.capacity.storage (the API server refuses one without it)");
        }
        List<AccessMode> modes = accessModes(ctx, "/spec/accessModes", spec.getAccessModes());
        long capacity = bytes(ctx, "/spec/capacity/storage");
        String reclaim = spec.getPersistentVolumeReclaimPolicy();
        if (reclaim != null && !List.of("Delete", "Retain", "Recycle").contains(reclaim)) {
            throw ctx.error("/spec/persistentVolumeReclaimPolicy", "expected Retain, Delete or Recycle, got \""
                    + reclaim + "\"");
        }
        List<NodeSelectorTerm> affinity = new ArrayList<>();
        if (spec.getNodeAffinity() != null && spec.getNodeAffinity().getRequired() != null
                && spec.getNodeAffinity().getRequired().getNodeSelectorTerms() != null) {
            var terms = spec.getNodeAffinity().getRequired().getNodeSelectorTerms();
            for (int i = 0; i < terms.size(); i++) {
                affinity.add(SelectorReader.nodeSelectorTerm(ctx, "/spec/nodeAffinity/required/nodeSelectorTerms/" + i,
                        terms.get(i)));
            }
        }
        String claimRef = "";
        if (spec.getClaimRef() != null && spec.getClaimRef().getName() != null) {
            String ns = spec.getClaimRef().getNamespace() == null || spec.getClaimRef().getNamespace().isEmpty()
                    ? "default" : spec.getClaimRef().getNamespace();
            claimRef = ns + "/" + spec.getClaimRef().getName();
        }
        return new Manifest.PersistentVolumeManifest(meta.name(), meta.labels(), capacity, modes,
                legacyClass(meta.annotations(), spec.getStorageClassName()), reclaim, affinity, claimRef,
                attachable(spec), ctx.origin());
    }

    /**
     * The volumes of a pod spec backed by a claim, in order; others are not kept.
     * Generic ephemeral volumes are not modelled (UnmodelledFields warns).
     */
    static List<PodVolume> podVolumes(ObjectContext ctx, String pointer,
                                      List<io.fabric8.kubernetes.api.model.Volume> volumes) {
        List<PodVolume> out = new ArrayList<>();
        if (volumes == null) {
            return out;
        }
        for (int i = 0; i < volumes.size(); i++) {
            var v = volumes.get(i);
            if (v == null || v.getPersistentVolumeClaim() == null) {
                continue;
            }
            String claim = v.getPersistentVolumeClaim().getClaimName();
            if (claim == null || claim.isEmpty()) {
                throw ctx.errorAtKey(pointer + "/" + i + "/persistentVolumeClaim",
                        "persistentVolumeClaim.claimName is required");
            }
            out.add(new PodVolume(v.getName(), claim, Boolean.TRUE.equals(v.getPersistentVolumeClaim().getReadOnly())));
        }
        return out;
    }

    private static List<AccessMode> accessModes(ObjectContext ctx, String pointer, List<String> modes) {
        if (modes == null || modes.isEmpty()) {
            throw ctx.errorAtKey(pointer.substring(0, pointer.lastIndexOf('/')),
                    "spec.accessModes needs at least one of " + ACCESS_MODES);
        }
        List<AccessMode> out = new ArrayList<>();
        for (int i = 0; i < modes.size(); i++) {
            String s = modes.get(i);
            out.add(AccessMode.ofApiName(s).orElseThrow(() -> ctx.error(pointer + "/" + out.size(),
                    "expected " + ACCESS_MODES + ", got \"" + s + "\"")));
        }
        return out;
    }

    private static long bytes(ObjectContext ctx, String pointer) {
        BigDecimal amount = Quantities.parse(ctx.node(pointer).asText());
        if (amount.signum() <= 0) {
            throw ctx.error(pointer, "storage must be greater than zero, got " + ctx.node(pointer).asText());
        }
        return Quantities.value(amount);
    }

    /**
     * Whether the volume's source is attached to a node (CSI drivers and the cloud and SAN block
     * disks) rather than only mounted (hostPath, local, NFS, CephFS ...).
     */
    private static boolean attachable(io.fabric8.kubernetes.api.model.PersistentVolumeSpec s) {
        return s.getCsi() != null || s.getAwsElasticBlockStore() != null || s.getGcePersistentDisk() != null
                || s.getAzureDisk() != null || s.getCinder() != null || s.getRbd() != null || s.getIscsi() != null
                || s.getFc() != null || s.getVsphereVolume() != null;
    }

    /** {@code spec.storageClassName}, or the beta annotation older manifests use instead. */
    private static String legacyClass(Map<String, String> annotations, String storageClassName) {
        if (storageClassName != null) {
            return storageClassName;
        }
        return annotations.get("volume.beta.kubernetes.io/storage-class");
    }
}
