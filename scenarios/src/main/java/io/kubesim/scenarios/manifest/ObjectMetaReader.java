package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an object's name, namespace (default "default"), labels and annotations; an
 * ownerReference without kind or name is refused as the API server refuses it.
 */
final class ObjectMetaReader {
    /** RFC 1123 subdomain, which most object names must be. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private ObjectMetaReader() {
    }

    /** Name and namespace; {@code namespace} is "" for cluster-scoped objects. */
    record Meta(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
    }

    static Meta read(ObjectContext ctx, ObjectMeta m, boolean namespaced) {
        if (m == null || m.getName() == null || m.getName().isEmpty()) {
            throw ctx.error(m == null ? "" : "/metadata", "metadata.name is required"
                    + (m != null && m.getGenerateName() != null ? " (generateName is not supported)" : ""));
        }
        if (m.getName().length() > 253 || !NAME.matcher(m.getName()).matches()) {
            throw ctx.error("/metadata/name", "invalid name \"" + m.getName()
                    + "\": expected lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
        if (m.getOwnerReferences() != null) {
            for (int i = 0; i < m.getOwnerReferences().size(); i++) {
                var ref = m.getOwnerReferences().get(i);
                // validateOwnerReference: kind and name must not be empty.
                if (ref == null || ref.getKind() == null || ref.getKind().isEmpty() || ref.getName() == null
                        || ref.getName().isEmpty()) {
                    throw ctx.errorAtKey("/metadata/ownerReferences/" + i,
                            "an ownerReference needs a kind and a name (the API server refuses an empty one)");
                }
            }
        }
        String ns = "";
        if (namespaced) {
            ns = m.getNamespace() == null || m.getNamespace().isEmpty() ? "default" : m.getNamespace();
        }
        return new Meta(ns, m.getName(), m.getLabels() == null ? Map.of() : m.getLabels(),
                m.getAnnotations() == null ? Map.of() : m.getAnnotations());
    }
}
