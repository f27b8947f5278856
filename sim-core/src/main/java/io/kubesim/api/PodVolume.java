package io.kubesim.api;

/**
 * A pod volume that matters to scheduling and start-up: one backed by a PersistentVolumeClaim
 * ({@code persistentVolumeClaim.claimName}, k8s-semantics.md 14). Other volume types (emptyDir,
 * ConfigMap, Secret, projected ...) are not kept: they neither constrain placement nor delay a start.
 *
 * @param name      the volume's name in the pod
 * @param claimName the PersistentVolumeClaim in the pod's namespace
 * @param readOnly  {@code persistentVolumeClaim.readOnly}
 */
public record PodVolume(String name, String claimName, boolean readOnly) {
    public PodVolume {
        name = name == null ? "" : name;
        claimName = claimName == null ? "" : claimName;
    }
}
