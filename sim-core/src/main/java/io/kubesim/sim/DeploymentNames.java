package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Scale;
import io.kubesim.cluster.ScaleSubresources;

/**
 * Resolves the workload names a scenario uses: {@code ns/name}, or a bare name meaning the one
 * in the default namespace, or else the only Deployment (or other workload of the kind) of that
 * name.
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

    /**
     * The {@code /scale} of the workload of {@code kind} that {@code name} names, or a
     * {@link SpecException} naming what is missing or ambiguous.
     */
    public static Scale resolveScale(ClusterStore store, String kind, String name) {
        ScaleSubresources scales = store.scales();
        if (name.contains("/")) {
            int slash = name.indexOf('/');
            Scale s = scales.get(kind, name.substring(0, slash), name.substring(slash + 1));
            if (s == null) {
                throw new SpecException("", "no " + kind + " \"" + name + "\"");
            }
            return s;
        }
        Scale s = scales.get(kind, "default", name);
        if (s != null) {
            return s;
        }
        Scale found = null;
        for (Scale x : scales.list(kind)) {
            if (x.target().metadata().name().equals(name)) {
                if (found != null) {
                    throw new SpecException("", kind + " name \"" + name
                            + "\" is ambiguous: qualify it as namespace/name");
                }
                found = x;
            }
        }
        if (found == null) {
            throw new SpecException("", "no " + kind + " \"" + name + "\"");
        }
        return found;
    }
}
