package io.kubesim.controllers.hpa;

import io.kubesim.api.Manifest;
import io.kubesim.cluster.ScaleSubresources;
import java.util.Set;

/**
 * Why the HPA controller cannot get its target's scale subresource, worded as the error upstream
 * puts in the FailedGetScale event (horizontal.go {@code reconcileAutoscaler}): a kind the
 * cluster has no API for fails in the REST mapper; a kind it serves but whose object does not
 * exist fails with the API server's NotFound. The kinds kubesim serves a scale for are those
 * registered in {@link ScaleSubresources}; the other workload kinds of the core API (a
 * StatefulSet while kubesim does not serve it) are reported as not found in the simulated
 * cluster; a built-in kind without a {@code /scale} subresource (a DaemonSet, a Job) gets the
 * API server's plain 404 for the missing subresource.
 */
final class ScaleTargets {
    /** Built-in kinds ({@code group/kind}) the API server serves without a {@code /scale} subresource. */
    private static final Set<String> WITHOUT_SCALE = Set.of("apps/DaemonSet", "apps/ControllerRevision",
            "batch/Job", "batch/CronJob", "/Pod", "/Service", "/ConfigMap", "/Secret");

    private ScaleTargets() {
    }

    /** The error text for a target that kubesim does not have. */
    static String notFound(Manifest.HorizontalPodAutoscalerManifest hpa, ScaleSubresources scales) {
        String kind = hpa.targetKind();
        String group = group(hpa.targetApiVersion());
        String served = served(hpa, scales);
        String resource = served != null ? served : switch (kind) {
            case "Deployment" -> "deployments.apps";
            case "ReplicaSet" -> "replicasets.apps";
            case "StatefulSet" -> "statefulsets.apps";
            case "ReplicationController" -> "replicationcontrollers";
            default -> null;
        };
        if (resource == null && WITHOUT_SCALE.contains(group + "/" + kind)) {
            // the REST mapper knows the kind, but GET .../<resource>/<name>/scale has no route: a
            // plain 404, whether or not the object exists
            return "the server could not find the requested resource";
        }
        if (resource == null) {
            return "no matches for kind \"" + kind + "\" in group \"" + group + "\"";
        }
        return resource + " \"" + hpa.targetName() + "\" not found";
    }

    /**
     * The resource kubesim serves a scale for under the target's kind and API group, or null: a
     * kind served in another group (an Argo {@code Rollout} named as {@code apps/v1}) is not a
     * match for the REST mapper.
     */
    static String served(Manifest.HorizontalPodAutoscalerManifest hpa, ScaleSubresources scales) {
        String resource = scales.resource(hpa.targetKind());
        if (resource == null || hpa.targetApiVersion().isEmpty()) {
            return resource; // without an apiVersion the kind alone names it (kubesim is lenient here)
        }
        int dot = resource.indexOf('.');
        String servedGroup = dot < 0 ? "" : resource.substring(dot + 1);
        return servedGroup.equals(group(hpa.targetApiVersion())) ? resource : null;
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
