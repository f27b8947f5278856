package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.yaml.YamlDocument;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fields the API server accepts and that change how a real cluster behaves, but that kubesim does
 * not simulate. Each one present in an object is a located warning saying what kubesim does
 * instead, so a prediction never silently leaves out something the manifest asked for. Fields
 * with no effect on what kubesim predicts (env, volumes of ConfigMaps and Secrets, security
 * contexts ...) are accepted silently; docs/manifests.md lists both.
 */
final class UnmodelledFields {
    /** A field, relative to the pod spec or Service spec, and what kubesim does with it. */
    private record Rule(String field, Predicate<JsonNode> applies, String instead) {
    }

    private static final List<Rule> POD_SPEC = List.of(
            new Rule("schedulingGates", UnmodelledFields::present,
                    "kubesim schedules the pod as if every gate had been removed (upstream keeps it Pending, "
                            + "SchedulingGated, until a controller removes each gate)"),
            new Rule("activeDeadlineSeconds", UnmodelledFields::present,
                    "the pod is never failed for running past its deadline"),
            new Rule("runtimeClassName", UnmodelledFields::present,
                    "the RuntimeClass's pod overhead and node selector are not applied (set spec.overhead to "
                            + "count an overhead)"));

    private static final List<Rule> CONTAINER = List.of(
            new Rule("lifecycle/postStart", UnmodelledFields::present,
                    "the postStart hook takes no time: the container counts as started without waiting for it"));

    private static final List<Rule> VOLUME = List.of(
            new Rule("ephemeral", UnmodelledFields::present,
                    "generic ephemeral volumes are not simulated: the pod is scheduled and started as if its claim "
                            + "were bound and attached on every node"));

    private static final List<Rule> SERVICE_SPEC = List.of(
            new Rule("sessionAffinity", v -> "ClientIP".equals(v.asText()),
                    "ClientIP session affinity is not simulated: each request is balanced on its own"),
            new Rule("externalTrafficPolicy", v -> "Local".equals(v.asText()),
                    "not simulated: requests are spread over every ready endpoint, as with Cluster"),
            new Rule("internalTrafficPolicy", v -> "Local".equals(v.asText()),
                    "not simulated: requests are spread over every ready endpoint, as with Cluster"),
            new Rule("trafficDistribution", UnmodelledFields::present,
                    "not simulated: endpoints are chosen without preferring the caller's zone"),
            new Rule("type", v -> "ExternalName".equals(v.asText()),
                    "an ExternalName Service points outside the cluster: kubesim gives it no endpoints"));

    private static final List<Rule> JOB_SPEC = List.of(
            new Rule("backoffLimitPerIndex", UnmodelledFields::present,
                    "not simulated: failures count toward the Job's backoffLimit (MaxInt32 when only "
                            + "backoffLimitPerIndex is set), not per index"),
            new Rule("maxFailedIndexes", UnmodelledFields::present,
                    "not simulated: no index fails on its own, so the Job never fails for failed indexes"),
            new Rule("successPolicy", UnmodelledFields::present,
                    "not simulated: the Job succeeds only when every completion (every index) has succeeded"),
            new Rule("managedBy", v -> !"kubernetes.io/job-controller".equals(v.asText()),
                    "kubesim's Job controller runs the Job as if the built-in controller managed it"));

    private final YamlDocument doc;
    private final Diagnostics diagnostics;
    private final String base;
    private final String object;

    private UnmodelledFields(YamlDocument doc, String base, String kind, Diagnostics diagnostics) {
        this.doc = doc;
        this.base = base;
        this.object = kind + " \"" + doc.root().at(base + "/metadata/name").asText() + "\"";
        this.diagnostics = diagnostics;
    }

    /**
     * Warns for each unmodelled field of the object at {@code base} of {@code doc}; only the kinds
     * kubesim simulates are checked (the others are skipped whole, with their own warning).
     */
    static void check(YamlDocument doc, String base, String kind, Diagnostics diagnostics) {
        UnmodelledFields check = new UnmodelledFields(doc, base, kind, diagnostics);
        switch (kind) {
            case "Pod" -> check.podSpec(base + "/spec");
            case "Deployment", "ReplicaSet", "ReplicationController", "DaemonSet", "StatefulSet", "Rollout" ->
                    check.podSpec(base + "/spec/template/spec");
            case "Job" -> {
                check.apply(base + "/spec", JOB_SPEC);
                check.podSpec(base + "/spec/template/spec");
            }
            case "CronJob" -> {
                check.apply(base + "/spec/jobTemplate/spec", JOB_SPEC);
                check.podSpec(base + "/spec/jobTemplate/spec/template/spec");
            }
            case "Service" -> check.service(base + "/spec");
            default -> {
            }
        }
    }

    private void podSpec(String spec) {
        apply(spec, POD_SPEC);
        for (String list : List.of("initContainers", "containers")) {
            JsonNode containers = doc.root().at(spec + "/" + list);
            for (int i = 0; containers.isArray() && i < containers.size(); i++) {
                apply(spec + "/" + list + "/" + i, CONTAINER);
            }
        }
        JsonNode volumes = doc.root().at(spec + "/volumes");
        for (int i = 0; volumes.isArray() && i < volumes.size(); i++) {
            apply(spec + "/volumes/" + i, VOLUME);
        }
    }

    private void service(String spec) {
        apply(spec, SERVICE_SPEC);
        JsonNode selector = doc.root().at(spec + "/selector");
        if (!present(selector) && !"ExternalName".equals(doc.root().at(spec + "/type").asText())) {
            diagnostics.warn(doc.keyLocation(spec), object + " has no selector, so it takes its endpoints from "
                    + "hand-written Endpoints or EndpointSlices, which kubesim does not read: it has no endpoints");
        }
    }

    private void apply(String at, List<Rule> rules) {
        for (Rule r : rules) {
            String pointer = at + "/" + r.field();
            JsonNode v = doc.root().at(pointer);
            if (present(v) && r.applies().test(v)) {
                diagnostics.warn(doc.keyLocation(pointer), object + " " + dotted(pointer) + ": " + r.instead());
            }
        }
    }

    /** {@code /spec/volumes/0/persistentVolumeClaim} as {@code spec.volumes[0].persistentVolumeClaim}. */
    private String dotted(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String step : pointer.substring(base.length() + 1).split("/")) {
            if (!step.isEmpty() && step.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(step).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(step);
            }
        }
        return sb.toString();
    }

    /** Set to something: YAML null, an empty map or list and a missing field all read as absent (16.3). */
    private static boolean present(JsonNode v) {
        return !v.isMissingNode() && !v.isNull() && !(v.isContainerNode() && v.isEmpty());
    }
}
