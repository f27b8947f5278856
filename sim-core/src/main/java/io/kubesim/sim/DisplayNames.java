package io.kubesim.sim;

import io.kubesim.api.Manifest;
import java.util.List;
import java.util.TreeSet;

/**
 * How outputs name namespaced objects: {@code name}, or {@code ns/name} when the manifests use
 * more than one namespace (so that two {@code web}s in different namespaces stay apart).
 */
public final class DisplayNames {
    private final boolean qualify;

    private DisplayNames(boolean qualify) {
        this.qualify = qualify;
    }

    /** The naming the manifests call for. */
    public static DisplayNames forManifests(List<Manifest> manifests) {
        TreeSet<String> namespaces = new TreeSet<>();
        for (Manifest m : manifests) {
            if (!m.namespace().isEmpty()) {
                namespaces.add(m.namespace());
            }
        }
        return new DisplayNames(namespaces.size() > 1);
    }

    /** The name used in outputs for the object {@code namespace/name}. */
    public String of(String namespace, String name) {
        return qualify ? namespace + "/" + name : name;
    }
}
