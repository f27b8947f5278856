package io.kubesim.scenarios.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.yaml.YamlDocument;
import java.util.Set;

/**
 * One object of the audited input as written, whatever its kind (the simulator's or not): its
 * apiVersion, kind, namespace ("" when cluster-scoped) and name, and its place in a located YAML
 * tree so that a finding points at the field it is about.
 *
 * @param base the JSON pointer of the object in its document ("" or {@code /items/N} in a List)
 */
public record AuditObject(String apiVersion, String kind, String namespace, String name, YamlDocument doc,
                          String base) {
    /** Kinds without a namespace (the API server ignores metadata.namespace on them). */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "StorageClass",
            "PriorityClass", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "IngressClass",
            "ClusterAnalysisTemplate", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            "APIService", "CSIDriver", "RuntimeClass", "PodSecurityPolicy", "ClusterIssuer");

    static AuditObject of(YamlDocument doc, String base) {
        JsonNode n = doc.root().at(base);
        String kind = n.path("kind").asText("");
        String ns = CLUSTER_SCOPED.contains(kind) ? "" : n.path("metadata").path("namespace").asText("");
        if (ns.isEmpty() && !CLUSTER_SCOPED.contains(kind)) {
            ns = "default";
        }
        return new AuditObject(n.path("apiVersion").asText(""), kind, ns, n.path("metadata").path("name").asText(""),
                doc, base);
    }

    public JsonNode node() {
        return doc.root().at(base);
    }

    /** The node at {@code pointer} below the object (a missing node when absent). */
    public JsonNode path(String pointer) {
        return doc.root().at(base + pointer);
    }

    /** Where the field at {@code pointer} (relative to the object) is written; its nearest written parent when absent. */
    public Location at(String pointer) {
        return pointer.isEmpty() ? doc.valueLocation(base) : doc.keyLocation(base + pointer);
    }

    /** {@code Deployment shop/web}, or {@code ClusterRole admin} when cluster-scoped. */
    public String ref() {
        return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
