package io.kubesim.scenarios.manifest;

import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodVolume;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * After a load: a pod (bare or in a template) whose volume names a PersistentVolumeClaim the input
 * does not have is a warning at the claim's name. On a cluster the claim may exist already (made by
 * hand, or by another chart); in the simulation it does not, so the scheduler keeps the pod Pending
 * with {@code persistentvolumeclaim "<name>" not found} (k8s-semantics.md 14.3). Without the
 * warning a run would report a Pending pod a cluster never has.
 */
final class ClaimReferenceCheck {
    private record Reference(Manifest owner, String claim, Location where) {
    }

    private final List<Reference> references = new ArrayList<>();

    /** Records the claims of the object's pod spec, located in {@code ctx} under {@code specPointer}. */
    void add(ObjectContext ctx, Manifest m) {
        PodSpec spec;
        String pointer;
        if (m instanceof Manifest.PodManifest p) {
            spec = p.spec();
            pointer = "/spec";
        } else if (m instanceof Manifest.DeploymentManifest d) {
            spec = d.template().spec();
            pointer = "/spec/template/spec";
        } else if (m instanceof Manifest.ReplicaSetManifest r) {
            spec = r.template().spec();
            pointer = "/spec/template/spec";
        } else {
            return;
        }
        var volumes = ctx.node(pointer + "/volumes");
        for (PodVolume v : spec.volumes()) {
            Location where = ctx.keyLocation(pointer + "/volumes");
            for (int i = 0; volumes.isArray() && i < volumes.size(); i++) {
                if (v.name().equals(volumes.get(i).path("name").asText())) {
                    where = ctx.location(pointer + "/volumes/" + i + "/persistentVolumeClaim/claimName");
                }
            }
            references.add(new Reference(m, v.claimName(), where));
        }
    }

    /**
     * Warns for each reference, by an object that runs (not replaced by a later definition, not
     * adopted by its owner), to a claim the loaded manifests do not have.
     */
    void report(List<Manifest> manifests, Diagnostics diagnostics) {
        Set<String> claims = new HashSet<>();
        Set<Manifest> running = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Manifest m : manifests) {
            running.add(m);
            if (m instanceof Manifest.PersistentVolumeClaimManifest c) {
                claims.add(c.namespace() + "/" + c.name());
            }
        }
        for (Reference r : references) {
            Manifest o = r.owner();
            if (running.contains(o) && !claims.contains(o.namespace() + "/" + r.claim())) {
                diagnostics.warn(r.where(), o.kind() + " \"" + o.name() + "\" mounts PersistentVolumeClaim \"" + r.claim() + "\", which "
                        + "is not in the input: its pods stay Pending (persistentvolumeclaim \"" + r.claim()
                        + "\" not found); add the claim's manifest if it exists on the cluster");
            }
        }
    }
}
