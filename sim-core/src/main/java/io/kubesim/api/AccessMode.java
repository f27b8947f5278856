package io.kubesim.api;

import java.util.Optional;

/** A PersistentVolume access mode (k8s-semantics.md 14.4), named as the API spells it. */
public enum AccessMode {
    READ_WRITE_ONCE("ReadWriteOnce"),
    READ_ONLY_MANY("ReadOnlyMany"),
    READ_WRITE_MANY("ReadWriteMany"),
    READ_WRITE_ONCE_POD("ReadWriteOncePod");

    private final String apiName;

    AccessMode(String apiName) {
        this.apiName = apiName;
    }

    /** The name as written in manifests, e.g. {@code ReadWriteOnce}. */
    public String apiName() {
        return apiName;
    }

    /** The mode of an API name; empty for anything else. */
    public static Optional<AccessMode> ofApiName(String s) {
        for (AccessMode m : values()) {
            if (m.apiName.equals(s)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The modes of API names, in order, leaving out names that are no mode (validation refused them earlier). */
    public static java.util.List<AccessMode> ofApiNames(java.util.List<String> names) {
        java.util.List<AccessMode> out = new java.util.ArrayList<>();
        for (String n : names) {
            ofApiName(n).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public String toString() {
        return apiName;
    }
}
