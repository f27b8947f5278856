package io.kubesim.sim;

import io.kubesim.cluster.ApiObject;
import io.kubesim.cluster.ObjectStore;

/**
 * Resolves the workload names a scenario uses for any kind, as {@link DeploymentNames} does for
 * Deployments: {@code ns/name}, or a bare name meaning the object in the default namespace, or
 * else the only object of that name.
 */
final class WorkloadNames {
    private WorkloadNames() {
    }

    /** The object, or a {@link SpecException} naming what is missing or ambiguous. */
    static <T extends ApiObject> T resolve(ObjectStore<T> objects, String kind, String name) {
        T found = name.contains("/") ? objects.get(name) : objects.get("default", name);
        if (found == null && !name.contains("/")) {
            for (T x : objects.list()) {
                if (x.metadata().name().equals(name)) {
                    if (found != null) {
                        throw new SpecException("", kind + " name \"" + name
                                + "\" is ambiguous: qualify it as namespace/name");
                    }
                    found = x;
                }
            }
        }
        if (found == null) {
            throw new SpecException("", "no " + kind + " \"" + name + "\"");
        }
        return found;
    }
}
