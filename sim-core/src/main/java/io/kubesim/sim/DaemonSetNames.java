package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.DaemonSet;

/**
 * Resolves a DaemonSet name a scenario uses: {@code ns/name}, or a bare name meaning the one in
 * the default namespace, or else the only DaemonSet of that name.
 */
final class DaemonSetNames {
    private DaemonSetNames() {
    }

    /** The DaemonSet, or a {@link SpecException} naming what is missing or ambiguous. */
    static DaemonSet resolve(ClusterStore store, String name) {
        DaemonSet found = name.contains("/") ? store.daemonSets().get(name) : store.daemonSets().get("default", name);
        if (found == null && !name.contains("/")) {
            for (DaemonSet x : store.daemonSets().list()) {
                if (x.name().equals(name)) {
                    if (found != null) {
                        throw new SpecException("", "DaemonSet name \"" + name
                                + "\" is ambiguous: qualify it as namespace/name");
                    }
                    found = x;
                }
            }
        }
        if (found == null) {
            throw new SpecException("", "no DaemonSet \"" + name + "\"");
        }
        return found;
    }
}
