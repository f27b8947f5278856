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
 * (owner, scheduling, events, decisions), then file order, except at the instant a pod of the same
 * name is created again (below).
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
        recreationsAfterTheirPredecessor(items);
        if (at != null) {
            items.removeIf(it -> it.time() > at + 1e-9);
        }
        return items;
    }

    /**
     * A pod made again under the same name (a StatefulSet's identity) can be created in the very
     * instant its predecessor ends (an app that exits at SIGTERM at once): when the predecessor had
     * not ended before that instant, the instant's events and decisions are its end and go before
     * the new pod's creation, which caused none of them, and the creation before that instant's
     * scheduling attempts, which are the new pod's. A predecessor that ended earlier leaves the
     * instant as it is: its events are the new pod's.
     */
    private static void recreationsAfterTheirPredecessor(List<Item> items) {
        boolean created = false;
        boolean ended = false;
        double endedAt = -1;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (endsThePod(it)) {
                ended = true;
                endedAt = it.time();
            }
            if (it.source() != Source.OWNER || !it.reason().equals("SuccessfulCreate")) {
                continue;
            }
            boolean predecessorEndsNow = created && (!ended || endedAt == it.time());
            created = true;
            ended = false;
            if (predecessorEndsNow) {
                int last = i;
                while (last + 1 < items.size() && items.get(last + 1).time() == it.time()) {
                    last++;
                }
                List<Item> instant = new ArrayList<>(items.subList(i, last + 1));
                List<Item> ordered = new ArrayList<>(instant.size());
                for (Item x : instant) {
                    if (x.source() == Source.EVENT || x.source() == Source.DECISION) {
                        ordered.add(x);
                    }
                }
                for (Item x : instant) {
                    if (x.source() == Source.OWNER || x.source() == Source.SCHEDULING) {
                        ordered.add(x);
                    }
                }
                for (int k = 0; k < ordered.size(); k++) {
                    items.set(i + k, ordered.get(k));
                }
                i = last;
            }
        }
    }

    /** A record that says the pod ends: its deletion, eviction, preemption, or the kubelet stopping it. */
    private static boolean endsThePod(Item it) {
        return switch (it.source()) {
            case OWNER -> it.reason().equals("SuccessfulDelete");
            case EVENT -> it.reason().equals("Evicted") || it.reason().equals("TaintManagerEviction")
                    || it.reason().equals("Preempted")
                    || it.reason().equals("Killing") && it.message().startsWith("Stopping container");
            case DECISION -> it.node().path("kind").asText().equals("Terminating");
            case SCHEDULING -> false;
        };
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
