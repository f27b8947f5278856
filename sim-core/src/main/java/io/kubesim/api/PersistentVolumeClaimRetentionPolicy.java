package io.kubesim.api;

/**
 * A StatefulSet's {@code spec.persistentVolumeClaimRetentionPolicy} (k8s-semantics.md 11.1, 11.4):
 * whether the claims of its pods are kept or deleted when the set is deleted and when it is
 * scaled down. Absent reads as Retain/Retain.
 *
 * @param deleteWhenDeleted {@code whenDeleted: Delete}
 * @param deleteWhenScaled  {@code whenScaled: Delete}
 */
public record PersistentVolumeClaimRetentionPolicy(boolean deleteWhenDeleted, boolean deleteWhenScaled) {
    public static final PersistentVolumeClaimRetentionPolicy RETAIN = new PersistentVolumeClaimRetentionPolicy(false,
            false);

    @Override
    public String toString() {
        return "whenDeleted: " + (deleteWhenDeleted ? "Delete" : "Retain") + ", whenScaled: "
                + (deleteWhenScaled ? "Delete" : "Retain");
    }
}
