package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubesim.scenarios.manifest.argo.AnalysisTemplateResource;
import io.kubesim.scenarios.manifest.argo.RolloutResource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An apiVersion and kind the simulator models, with the fabric8 class that reads it and, for
 * deprecated versions, the warning to give and the version's own defaults. Deprecated versions
 * are read with the current fabric8 class: their fields are a subset of it, except the few listed
 * in {@code extraFields}.
 *
 * @param deprecation null for a current version, else why the version is deprecated
 * @param extraFields fields of the old version that the current class does not have (paths from
 *                    the object root, dotted), accepted silently
 */
public record ApiKind(String apiVersion, String kind, Class<?> type, String deprecation,
                      DeploymentDefaults deploymentDefaults, Set<String> extraFields) {
    /** Argo Rollouts' API group and version (k8s-semantics.md 20). */
    private static final String ARGO = "argoproj.io/v1alpha1";
    private static final String REMOVED_116 = "was removed in Kubernetes 1.16; use apps/v1";

    private static final List<ApiKind> ALL = List.of(
            new ApiKind("v1", "Namespace", Namespace.class, null, null, Set.of()),
            new ApiKind("v1", "Pod", Pod.class, null, null, Set.of()),
            new ApiKind("v1", "Service", Service.class, null, null, Set.of()),
            new ApiKind("apps/v1", "Deployment", Deployment.class, null, DeploymentDefaults.APPS_V1, Set.of()),
            new ApiKind("apps/v1beta2", "Deployment", Deployment.class, REMOVED_116, DeploymentDefaults.APPS_V1,
                    Set.of()),
            new ApiKind("apps/v1beta1", "Deployment", Deployment.class, REMOVED_116,
                    DeploymentDefaults.APPS_V1BETA1, Set.of("spec.rollbackTo")),
            new ApiKind("extensions/v1beta1", "Deployment", Deployment.class, REMOVED_116,
                    DeploymentDefaults.EXTENSIONS_V1BETA1, Set.of("spec.rollbackTo")),
            new ApiKind("apps/v1", "ReplicaSet", ReplicaSet.class, null, DeploymentDefaults.APPS_V1, Set.of()),
            new ApiKind("apps/v1beta2", "ReplicaSet", ReplicaSet.class, REMOVED_116, DeploymentDefaults.APPS_V1,
                    Set.of()),
            new ApiKind("extensions/v1beta1", "ReplicaSet", ReplicaSet.class, REMOVED_116,
                    DeploymentDefaults.EXTENSIONS_V1BETA1, Set.of()),
            new ApiKind("v1", "ReplicationController", io.fabric8.kubernetes.api.model.ReplicationController.class,
                    null, null, Set.of()),
            new ApiKind("apps/v1", "DaemonSet", io.fabric8.kubernetes.api.model.apps.DaemonSet.class, null,
                    DeploymentDefaults.APPS_V1, Set.of()),
            new ApiKind("apps/v1beta2", "DaemonSet", io.fabric8.kubernetes.api.model.apps.DaemonSet.class, REMOVED_116,
                    DeploymentDefaults.APPS_V1, Set.of()),
            new ApiKind("extensions/v1beta1", "DaemonSet", io.fabric8.kubernetes.api.model.apps.DaemonSet.class,
                    REMOVED_116, DeploymentDefaults.EXTENSIONS_V1BETA1, Set.of("spec.templateGeneration")),
            new ApiKind("apps/v1", "StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class, null,
                    DeploymentDefaults.APPS_V1, Set.of()),
            new ApiKind("apps/v1beta2", "StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class,
                    REMOVED_116, DeploymentDefaults.APPS_V1, Set.of()),
            new ApiKind("apps/v1beta1", "StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class,
                    REMOVED_116, DeploymentDefaults.APPS_V1BETA1, Set.of()),
            new ApiKind("v1", "ResourceQuota", io.fabric8.kubernetes.api.model.ResourceQuota.class, null, null, Set.of()),
            new ApiKind("v1", "PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, null,
                    null, Set.of()),
            new ApiKind("v1", "PersistentVolume", io.fabric8.kubernetes.api.model.PersistentVolume.class, null, null,
                    Set.of()),
            new ApiKind("storage.k8s.io/v1", "StorageClass", StorageClassResource.class, null, null, Set.of()),
            new ApiKind("v1", "LimitRange", io.fabric8.kubernetes.api.model.LimitRange.class, null, null, Set.of()),
            new ApiKind("scheduling.k8s.io/v1", "PriorityClass", PriorityClass.class, null, null, Set.of()),
            new ApiKind("policy/v1", "PodDisruptionBudget", PodDisruptionBudget.class, null, null, Set.of()),
            new ApiKind("policy/v1beta1", "PodDisruptionBudget", PodDisruptionBudget.class,
                    "was removed in Kubernetes 1.25; use policy/v1", null, Set.of()),
            new ApiKind("autoscaling/v2", "HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class, null, null, Set.of()),
            new ApiKind("autoscaling/v2beta2", "HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
                    "was removed in Kubernetes 1.26; use autoscaling/v2", null, Set.of()),
            new ApiKind("autoscaling/v2beta1", "HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2beta1.HorizontalPodAutoscaler.class,
                    "was removed in Kubernetes 1.25; use autoscaling/v2", null, Set.of()),
            new ApiKind("autoscaling/v1", "HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class, null, null, Set.of()),
            new ApiKind("batch/v1", "Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class, null, null, Set.of()),
            new ApiKind("batch/v1", "CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, null, null,
                    Set.of()),
            new ApiKind("batch/v1beta1", "CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class,
                    "was removed in Kubernetes 1.25; use batch/v1", null, Set.of()),
            new ApiKind("scheduling.k8s.io/v1beta1", "PriorityClass", PriorityClass.class,
                    "was removed in Kubernetes 1.22; use scheduling.k8s.io/v1", null, Set.of()),
            new ApiKind("networking.k8s.io/v1", "NetworkPolicy",
                    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class, null, null, Set.of()),
            new ApiKind("extensions/v1beta1", "NetworkPolicy",
                    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class,
                    "was removed in Kubernetes 1.16; use networking.k8s.io/v1", null, Set.of()),
            new ApiKind(ARGO, "Rollout", RolloutResource.class, null, null, Set.of()),
            new ApiKind(ARGO, "AnalysisTemplate", AnalysisTemplateResource.class, null, null, Set.of()),
            new ApiKind(ARGO, "ClusterAnalysisTemplate", AnalysisTemplateResource.class, null, null, Set.of()));

    /** The modelled kind for this apiVersion and kind, if any. */
    public static Optional<ApiKind> find(String apiVersion, String kind) {
        return ALL.stream().filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind)).findFirst();
    }

    /** True when some apiVersion of {@code kind} is modelled (so an unknown version is an error). */
    public static boolean isModelled(String kind) {
        return ALL.stream().anyMatch(k -> k.kind.equals(kind));
    }

    /** The kinds kubesim reads in {@code apiVersion}, sorted. */
    public static List<String> kindsOf(String apiVersion) {
        return ALL.stream().filter(k -> k.apiVersion.equals(apiVersion)).map(k -> k.kind).sorted().toList();
    }

    /** The apiVersions accepted for {@code kind}, for error messages. */
    public static List<String> versionsOf(String kind) {
        return ALL.stream().filter(k -> k.kind.equals(kind)).map(ApiKind::apiVersion).toList();
    }

    public boolean deprecated() {
        return deprecation != null;
    }
}
