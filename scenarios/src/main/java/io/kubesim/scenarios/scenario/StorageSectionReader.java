package io.kubesim.scenarios.scenario;

import io.kubesim.api.Manifest;
import io.kubesim.controllers.volume.StorageConfig;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.scenarios.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code storage}: the storage back end behind the StorageClasses (k8s-semantics.md 14).
 * {@code provisioners} lists, per StorageClass ({@code storageClass}) or provisioner string
 * ({@code provisioner}), exactly one of the two, how long creating a volume takes
 * ({@code provisioningTime}, a duration distribution, default 5 s) and the zones it can create
 * volumes in ({@code zones}, default any); {@code attachTime} and {@code detachTime} are duration
 * distributions (defaults 10 s and 5 s). A class no entry names provisions with the defaults.
 * {@code defaultStorageClass} (default true) gives the cluster its own default StorageClass when
 * the manifests mark none default.
 */
final class StorageSectionReader {
    private StorageSectionReader() {
    }

    static StorageConfig read(ScenarioNode n, List<Manifest> manifests, Diagnostics diagnostics) {
        if (!n.isPresent()) {
            return StorageConfig.DEFAULT;
        }
        n.object("Storage");
        DurationDistribution attach = n.get("attachTime").isPresent() ? nonNegative(n.get("attachTime")) : null;
        DurationDistribution detach = n.get("detachTime").isPresent() ? nonNegative(n.get("detachTime")) : null;
        List<StorageConfig.Provisioner> provisioners = new ArrayList<>();
        ScenarioNode list = n.get("provisioners");
        if (list.isPresent()) {
            Set<String> seen = new LinkedHashSet<>();
            for (ScenarioNode p : list.items()) {
                StorageConfig.Provisioner entry = provisioner(p, manifests, diagnostics);
                String key = entry.storageClass().isEmpty() ? "provisioner " + entry.provisioner()
                        : "storageClass " + entry.storageClass();
                if (!seen.add(key)) {
                    throw p.errorAtKey("a second entry for " + key + ": each StorageClass or provisioner is listed once");
                }
                provisioners.add(entry);
            }
        }
        boolean defaultClass = !n.get("defaultStorageClass").isPresent() || n.get("defaultStorageClass").bool();
        return new StorageConfig(provisioners, attach, detach, defaultClass);
    }

    private static StorageConfig.Provisioner provisioner(ScenarioNode p, List<Manifest> manifests,
                                                         Diagnostics diagnostics) {
        p.object("Provisioner");
        ScenarioNode cls = p.get("storageClass");
        ScenarioNode prov = p.get("provisioner");
        if (cls.isPresent() == prov.isPresent()) {
            throw p.error("expected exactly one of storageClass (a StorageClass name) and provisioner (a provisioner "
                    + "such as ebs.csi.aws.com)");
        }
        String storageClass = cls.isPresent() ? cls.nonEmptyText() : "";
        String provisioner = prov.isPresent() ? prov.nonEmptyText() : "";
        if (!storageClass.isEmpty() && manifests.stream().noneMatch(m -> m instanceof Manifest.StorageClassManifest s
                && s.name().equals(storageClass))) {
            diagnostics.warn(cls.location(), "no StorageClass \"" + storageClass + "\" in the manifests: this entry "
                    + "is not used");
        }
        if (!provisioner.isEmpty() && manifests.stream().noneMatch(m -> m instanceof Manifest.StorageClassManifest s
                && s.provisioner().equals(provisioner))) {
            diagnostics.warn(prov.location(), "no StorageClass in the manifests has provisioner \"" + provisioner
                    + "\": this entry is not used");
        }
        DurationDistribution time = p.get("provisioningTime").isPresent() ? nonNegative(p.get("provisioningTime"))
                : StorageConfig.DEFAULT_PROVISIONING_TIME;
        List<String> zones = List.of();
        ScenarioNode z = p.get("zones");
        if (z.isPresent()) {
            zones = z.stringList();
            if (zones.isEmpty()) {
                throw z.error("expected at least one zone (leave zones out for any zone)");
            }
            if (new LinkedHashSet<>(zones).size() != zones.size()) {
                throw z.error("a zone is listed twice");
            }
        }
        return new StorageConfig.Provisioner(storageClass, provisioner, time, zones);
    }

    private static DurationDistribution nonNegative(ScenarioNode n) {
        DurationDistribution d = DistributionReader.read(n);
        if (d instanceof DurationDistribution.Constant c && c.micros() < 0) {
            throw n.error("must not be negative");
        }
        return d;
    }
}
