package io.kubesim.scenarios.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An object that runs pods, seen through its pod template: where the template is, its labels and
 * containers, and how many replicas it asks for.
 *
 * @param template the pointer of the pod template below the object ({@code /spec/template}; "" for a Pod)
 */
public record Workload(AuditObject object, String template) {
    /** The kinds whose replicas field says how many pods run (1 when unset). */
    private static final Set<String> REPLICATED = Set.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController", "Rollout");

    /** The workload view of {@code o}, or null when it runs no pods of its own. */
    static Workload of(AuditObject o) {
        return switch (o.kind()) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job" ->
                    new Workload(o, "/spec/template");
            case "Rollout" -> o.path("/spec/template").isObject() ? new Workload(o, "/spec/template") : null;
            case "CronJob" -> new Workload(o, "/spec/jobTemplate/spec/template");
            case "Pod" -> o.path("/metadata/ownerReferences").isArray() ? null : new Workload(o, "");
            default -> null;
        };
    }

    public String kind() {
        return object.kind();
    }

    public String ref() {
        return object.ref();
    }

    /** {@code ns/name}, as the scenario's timeline and traffic name it. */
    public String key() {
        return object.namespace() + "/" + object.name();
    }

    /** The {@code --set} target of this object: {@code ns/kind/name}. */
    public String setTarget() {
        return object.namespace() + "/" + object.kind().toLowerCase(java.util.Locale.ROOT) + "/" + object.name();
    }

    /** The pod template's labels. */
    public Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        object.path(template + "/metadata/labels").fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().asText()));
        return out;
    }

    /** The pod spec's pointer below the object. */
    public String podSpec() {
        return template + "/spec";
    }

    /** The (regular) containers, each with its pointer below the object. */
    public List<ContainerAt> containers() {
        List<ContainerAt> out = new ArrayList<>();
        JsonNode cs = object.path(podSpec() + "/containers");
        for (int i = 0; i < cs.size(); i++) {
            out.add(new ContainerAt(cs.get(i).path("name").asText("container " + i), podSpec() + "/containers/" + i,
                    cs.get(i)));
        }
        return out;
    }

    /** True for kinds that keep a number of replicas running (not DaemonSets, Jobs or bare Pods). */
    public boolean replicated() {
        return REPLICATED.contains(kind());
    }

    /** spec.replicas as written, 1 when unset (the API default); -1 for kinds without replicas. */
    public int replicas() {
        if (!replicated()) {
            return -1;
        }
        JsonNode r = object.path("/spec/replicas");
        return r.canConvertToInt() ? r.asInt() : 1;
    }

    /** True when spec.replicas is written in the manifest. */
    public boolean replicasWritten() {
        return !object.path("/spec/replicas").isMissingNode() && !object.path("/spec/replicas").isNull();
    }

    /** A container of the template and where it is. */
    public record ContainerAt(String name, String pointer, JsonNode node) {
    }
}
