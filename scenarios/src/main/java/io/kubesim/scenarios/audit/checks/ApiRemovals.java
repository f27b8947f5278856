package io.kubesim.scenarios.audit.checks;

import java.util.List;

/**
 * The apiVersions Kubernetes stopped serving, by kind, with the release that removed them and
 * what replaces them: the Deprecated API Migration Guide (kubernetes/website,
 * docs/reference/using-api/deprecation-guide.md), 1.16 to 1.32.
 */
final class ApiRemovals {
    /** One removal: {@code kind} "*" stands for every kind of the group version. */
    record Removal(String apiVersion, String kind, int removedIn, String replacement) {
    }

    static final List<Removal> ALL = List.of(
            new Removal("extensions/v1beta1", "Deployment", 16, "apps/v1"),
            new Removal("apps/v1beta1", "Deployment", 16, "apps/v1"),
            new Removal("apps/v1beta2", "Deployment", 16, "apps/v1"),
            new Removal("extensions/v1beta1", "DaemonSet", 16, "apps/v1"),
            new Removal("apps/v1beta2", "DaemonSet", 16, "apps/v1"),
            new Removal("extensions/v1beta1", "ReplicaSet", 16, "apps/v1"),
            new Removal("apps/v1beta1", "ReplicaSet", 16, "apps/v1"),
            new Removal("apps/v1beta2", "ReplicaSet", 16, "apps/v1"),
            new Removal("apps/v1beta1", "StatefulSet", 16, "apps/v1"),
            new Removal("apps/v1beta2", "StatefulSet", 16, "apps/v1"),
            new Removal("extensions/v1beta1", "NetworkPolicy", 16, "networking.k8s.io/v1"),
            new Removal("extensions/v1beta1", "PodSecurityPolicy", 16, "policy/v1beta1 (itself removed in 1.25)"),
            new Removal("extensions/v1beta1", "Ingress", 22, "networking.k8s.io/v1"),
            new Removal("networking.k8s.io/v1beta1", "Ingress", 22, "networking.k8s.io/v1"),
            new Removal("networking.k8s.io/v1beta1", "IngressClass", 22, "networking.k8s.io/v1"),
            new Removal("admissionregistration.k8s.io/v1beta1", "*", 22, "admissionregistration.k8s.io/v1"),
            new Removal("apiextensions.k8s.io/v1beta1", "*", 22, "apiextensions.k8s.io/v1"),
            new Removal("apiregistration.k8s.io/v1beta1", "*", 22, "apiregistration.k8s.io/v1"),
            new Removal("authentication.k8s.io/v1beta1", "*", 22, "authentication.k8s.io/v1"),
            new Removal("authorization.k8s.io/v1beta1", "*", 22, "authorization.k8s.io/v1"),
            new Removal("certificates.k8s.io/v1beta1", "*", 22, "certificates.k8s.io/v1"),
            new Removal("coordination.k8s.io/v1beta1", "*", 22, "coordination.k8s.io/v1"),
            new Removal("rbac.authorization.k8s.io/v1beta1", "*", 22, "rbac.authorization.k8s.io/v1"),
            new Removal("scheduling.k8s.io/v1beta1", "*", 22, "scheduling.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "CSIDriver", 22, "storage.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "CSINode", 22, "storage.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "StorageClass", 22, "storage.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "VolumeAttachment", 22, "storage.k8s.io/v1"),
            new Removal("batch/v1beta1", "CronJob", 25, "batch/v1"),
            new Removal("discovery.k8s.io/v1beta1", "EndpointSlice", 25, "discovery.k8s.io/v1"),
            new Removal("events.k8s.io/v1beta1", "Event", 25, "events.k8s.io/v1"),
            new Removal("autoscaling/v2beta1", "HorizontalPodAutoscaler", 25, "autoscaling/v2"),
            new Removal("policy/v1beta1", "PodDisruptionBudget", 25, "policy/v1"),
            new Removal("policy/v1beta1", "PodSecurityPolicy", 25, "Pod Security Admission (no replacement kind)"),
            new Removal("node.k8s.io/v1beta1", "RuntimeClass", 25, "node.k8s.io/v1"),
            new Removal("flowcontrol.apiserver.k8s.io/v1beta1", "*", 26, "flowcontrol.apiserver.k8s.io/v1"),
            new Removal("autoscaling/v2beta2", "HorizontalPodAutoscaler", 26, "autoscaling/v2"),
            new Removal("storage.k8s.io/v1beta1", "CSIStorageCapacity", 27, "storage.k8s.io/v1"),
            new Removal("flowcontrol.apiserver.k8s.io/v1beta2", "*", 29, "flowcontrol.apiserver.k8s.io/v1"),
            new Removal("flowcontrol.apiserver.k8s.io/v1beta3", "*", 32, "flowcontrol.apiserver.k8s.io/v1"));

    private ApiRemovals() {
    }

    /** The removal of {@code apiVersion} for {@code kind}, or null when it is served in every release. */
    static Removal of(String apiVersion, String kind) {
        for (Removal r : ALL) {
            if (r.apiVersion().equals(apiVersion) && (r.kind().equals("*") || r.kind().equals(kind))) {
                return r;
            }
        }
        return null;
    }
}
