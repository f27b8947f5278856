package io.kubesim.api;

import java.util.List;

/**
 * A pod's toleration of taints.
 *
 * @param key               empty with {@code Exists} tolerates every key
 * @param exists            operator {@code Exists} (else {@code Equal})
 * @param effect            null tolerates every effect
 * @param tolerationSeconds how long a NoExecute taint is tolerated; null means forever
 */
public record Toleration(String key, boolean exists, String value, TaintEffect effect, Long tolerationSeconds) {
    public Toleration {
        key = key == null ? "" : key;
        value = value == null ? "" : value;
    }

    /**
     * Whether this toleration tolerates the taint (k8s-semantics.md 3.4): the keys are equal or
     * the toleration's key is empty with Exists; its effect is empty or equal; for Equal the
     * values are equal.
     */
    public boolean tolerates(Taint taint) {
        if (effect != null && effect != taint.effect()) {
            return false;
        }
        if (!key.isEmpty() && !key.equals(taint.key())) {
            return false;
        }
        if (key.isEmpty() && !exists) {
            return false;
        }
        return exists || value.equals(taint.value());
    }

    /** True when any toleration in the list tolerates the taint. */
    public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
        for (int i = 0; i < tolerations.size(); i++) {
            if (tolerations.get(i).tolerates(taint)) {
                return true;
            }
        }
        return false;
    }
}
