package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;

/**
 * Resolves the Deployment names a scenario uses: {@code ns/name}, or a bare name meaning the one
 * in the default namespace, or else the only Deployment of that name.
 */
public final class DeploymentNames {
    private DeploymentNames() {
    }

    /** The Deployment, or a {@link SpecException} naming what is missing or ambiguous. */
    public static Deployment resolve(ClusterStore store, String name) {
        if (name.contains("/")) {
            Deployment d = store.deployments().get(name);
            if (d == null) {
                throw new SpecException("", "no Deployment \"" + name + "\"");
            }
            return d;
        }
        Deployment d = store.deployments().get("default", name);
        if (d != null) {
            return d;
        }
        Deployment found = null;
        for (Deployment x : store.deployments().list()) {
            if (x.name().equals(name)) {
                if (found != null) {
                    throw new SpecException("", "Deployment name \"" + name
                            + "\" is ambiguous: qualify it as namespace/name");
                }
                found = x;
            }
        }
        if (found == null) {
            throw new SpecException("", "no Deployment \"" + name + "\"");
        }
        return found;
    }
}
