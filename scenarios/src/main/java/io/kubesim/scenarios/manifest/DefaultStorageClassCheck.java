package io.kubesim.scenarios.manifest;

import io.kubesim.api.Manifest;
import io.kubesim.api.VolumeClaimTemplate;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * After a load: a StatefulSet's volumeClaimTemplate without {@code storageClassName} gets the
 * default StorageClass (DefaultStorageClass admission, k8s-semantics.md 14.1); when the input marks
 * no class default, its claims wait for a PersistentVolume forever and the set's pods stay Pending
 * ({@code no persistent volumes available for this claim and no storage class is set}). Managed
 * clusters ship a default class (GKE {@code standard-rwo}, EKS {@code gp2}, AKS {@code default}),
 * so a run would report a Pending pod a cluster never has: this is a warning at the template.
 */
final class DefaultStorageClassCheck {
    private record Template(Manifest.StatefulSetManifest owner, String name, Location where) {
    }

    private final List<Template> templates = new ArrayList<>();

    /** Records the object's volumeClaimTemplates that name no class. */
    void add(ObjectContext ctx, Manifest m) {
        if (!(m instanceof Manifest.StatefulSetManifest s)) {
            return;
        }
        for (int i = 0; i < s.volumeClaimTemplates().size(); i++) {
            VolumeClaimTemplate t = s.volumeClaimTemplates().get(i);
            if (t.storageClassName() == null) {
                templates.add(new Template(s, t.name(), ctx.keyLocation("/spec/volumeClaimTemplates/" + i)));
            }
        }
    }

    /** Warns for each template of a StatefulSet that runs when no StorageClass of the input is default. */
    void report(List<Manifest> manifests, Diagnostics diagnostics) {
        java.util.Set<Manifest> running = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Manifest m : manifests) {
            if (m instanceof Manifest.StorageClassManifest sc && sc.isDefault()) {
                return;
            }
            running.add(m);
        }
        for (Template t : templates) {
            if (running.contains(t.owner())) {
                diagnostics.warn(t.where(), "StatefulSet \"" + t.owner().name() + "\" volumeClaimTemplate \""
                        + t.name() + "\" names no storageClassName and the input has no default StorageClass: "
                        + "its claims stay Pending (no persistent volumes available for this claim and no storage "
                        + "class is set), and so do the pods; add the cluster's default StorageClass (annotated "
                        + "storageclass.kubernetes.io/is-default-class: \"true\") to the manifests");
            }
        }
    }
}
