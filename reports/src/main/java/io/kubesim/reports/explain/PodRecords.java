package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One pod's records from a run, merged into one time-ordered stream: its owner's
 * {@code SuccessfulCreate} and {@code SuccessfulDelete} events, its scheduling attempts (scheduling.jsonl), its events, and the
 * decisions about it (decisions.jsonl: those on the pod, and those naming it in their {@code pod}
 * fact, such as ProxyUpdated and RequestsFailed). Records at the same time keep that order
 * (owner, scheduling, events, decisions), then file order.
 */
final class PodRecords {
    enum Source { OWNER, SCHEDULING, EVENT, DECISION }

    /** One record of the pod; {@code node} is the JSON line as the run wrote it. */
    record Item(double time, Source source, int index, JsonNode node) {
        String reason() {
            return node.path("reason").asText();
        }

        String message() {
            return node.path("message").asText();
        }
    }

    private PodRecords() {
    }

    /** The records of pod {@code key} ({@code namespace/name}) up to {@code at} (null: all). */
    static List<Item> of(RunRecord run, String key, Double at) {
        String namespace = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1);
        String object = "Pod/" + key;
        List<Item> items = new ArrayList<>();
        int i = 0;
        for (JsonNode e : run.events()) {
            i++;
            String o = e.path("object").asText();
            if (o.equals(object)) {
                items.add(new Item(e.path("time").asDouble(), Source.EVENT, i, e));
            } else if (ownerEvent(e.path("reason").asText()) && inNamespace(o, namespace)
                    && names(e.path("message").asText(), name)) {
                items.add(new Item(e.path("time").asDouble(), Source.OWNER, i, e));
            }
        }
        i = 0;
        for (JsonNode s : run.scheduling()) {
            i++;
            if (s.path("pod").asText().equals(key)) {
                items.add(new Item(s.path("time").asDouble(), Source.SCHEDULING, i, s));
            }
        }
        i = 0;
        for (JsonNode d : run.decisions()) {
            i++;
            String pod = d.path("facts").path("pod").asText();
            boolean aboutPod = d.path("object").asText().equals(object);
            boolean namesPod = (pod.equals(key) || pod.equals(name)) && inNamespace(d.path("object").asText(), namespace);
            if (aboutPod || namesPod) {
                items.add(new Item(d.path("time").asDouble(), Source.DECISION, i, d));
            }
        }
        items.sort(Comparator.comparingDouble(Item::time).thenComparing(Item::source).thenComparingInt(Item::index));
        if (at != null) {
            items.removeIf(it -> it.time() > at + 1e-9);
        }
        return items;
    }

    /** Whether {@code Kind/namespace/name} is in {@code namespace}. */
    private static boolean inNamespace(String object, String namespace) {
        String[] parts = object.split("/", 3);
        return parts.length == 3 && parts[1].equals(namespace);
    }

    private static boolean ownerEvent(String reason) {
        return reason.equals("SuccessfulCreate") || reason.equals("SuccessfulDelete");
    }

    /**
     * Whether a controller's SuccessfulCreate or SuccessfulDelete message names the pod:
     * {@code Created pod: NAME}, {@code Deleted pod: NAME} (ReplicaSet, Job, DaemonSet) or
     * {@code create Pod NAME in StatefulSet S successful} (and {@code delete Pod ...}).
     */
    static boolean names(String message, String pod) {
        return message.equals("Created pod: " + pod) || message.equals("Deleted pod: " + pod)
                || message.startsWith("create Pod " + pod + " in ") || message.startsWith("delete Pod " + pod + " in ");
    }
}
