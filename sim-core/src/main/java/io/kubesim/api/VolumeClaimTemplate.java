package io.kubesim.api;

import java.util.List;
import java.util.Map;

/**
 * One of a StatefulSet's {@code spec.volumeClaimTemplates}: what each ordinal's claim
 * {@code <name>-<set>-<ordinal>} asks for (k8s-semantics.md 11.2). Selectors, data sources and
 * volume modes are not kept.
 *
 * @param name             {@code metadata.name}; also the name of the pod volume that mounts the claim
 * @param labels           {@code metadata.labels} (the claim also gets the set's matchLabels)
 * @param storageClassName {@code spec.storageClassName}; null when absent (the default class applies)
 * @param accessModes      {@code spec.accessModes} as written (ReadWriteOnce, ReadWriteOncePod ...)
 * @param storageBytes     {@code spec.resources.requests.storage} in bytes; 0 when absent
 */
public record VolumeClaimTemplate(String name, Map<String, String> labels, String storageClassName,
                                  List<String> accessModes, long storageBytes) {
    public VolumeClaimTemplate {
        labels = Collections2.sortedCopy(labels);
        accessModes = List.copyOf(accessModes);
    }

    /** The claim of one ordinal (getPersistentVolumeClaimName): template {@code www}, set {@code web}, 0 → {@code www-web-0}. */
    public String claimName(String statefulSet, int ordinal) {
        return name + "-" + statefulSet + "-" + ordinal;
    }
}
