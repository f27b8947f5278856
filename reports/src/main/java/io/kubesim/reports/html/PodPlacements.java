package io.kubesim.reports.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pod ran on which node when, read back from events.jsonl: a {@code Scheduled} event
 * ("Successfully assigned ns/pod to node") opens a placement; the pod's end closes it: the
 * termination starting ({@code Killing} "Stopping container ..."; a probe's "will be restarted"
 * is a restart in place), {@code Preempted}, {@code Evicted}, {@code TaintManagerEviction}
 * "Marking for deletion", a controller's deletion of the pod, or its node's {@code RemovingNode};
 * otherwise the run's end. The workload is the pod's controller as the creation events name it
 * (a ReplicaSet's Deployment, a Job's CronJob). A pod that ends without an event (a Job's pod
 * that completed) stays open to the end of the run.
 */
public record PodPlacements(List<Placement> placements) {
    /** One pod on one node: {@code end} is when it began terminating or was deleted, or the run's end. */
    public record Placement(String pod, String node, String workload, double start, double end) {
    }

    private static final String ASSIGNED = "Successfully assigned ";

    public static PodPlacements of(RunOutputs run) {
        double runEnd = run.summary().path("simulatedSeconds").asDouble();
        Map<String, String> owner = new LinkedHashMap<>(); // ns/pod -> Kind/name (its controller)
        Map<String, String> parent = new LinkedHashMap<>(); // ReplicaSet/ns/rs -> Deployment/name, Job/ns/j -> CronJob/name
        Open.Table open = new Open.Table(); // ns/pod -> its open placement, by node too
        List<Placement> done = new ArrayList<>();
        for (RunEvents.Event e : run.events()) {
            String reason = e.reason();
            String object = e.object();
            String message = e.message();
            double t = e.seconds();
            String ns = namespace(object);
            switch (reason) {
                case "SuccessfulCreate" -> {
                    String pod = createdPod(object, message);
                    if (pod != null) {
                        owner.put(ns + "/" + pod, object);
                    } else if (object.startsWith("CronJob/") && message.startsWith("Created job ")) {
                        parent.put("Job/" + ns + "/" + message.substring("Created job ".length()), object);
                    }
                }
                case "ScalingReplicaSet" -> {
                    String rs = replicaSet(message);
                    if (rs != null) {
                        parent.putIfAbsent("ReplicaSet/" + ns + "/" + rs, object);
                    }
                }
                case "Scheduled" -> {
                    int to = message.lastIndexOf(" to ");
                    if (message.startsWith(ASSIGNED) && to > ASSIGNED.length()) {
                        String key = message.substring(ASSIGNED.length(), to);
                        close(open, done, key, t);
                        open.put(new Open(key, message.substring(to + 4), t));
                    }
                }
                case "Killing" -> {
                    if (message.startsWith("Stopping container ")) {
                        close(open, done, podKey(object), t);
                    }
                }
                case "Preempted", "Evicted" -> close(open, done, podKey(object), t);
                case "TaintManagerEviction" -> {
                    if (message.startsWith("Marking for deletion")) {
                        close(open, done, podKey(object), t);
                    }
                }
                case "SuccessfulDelete" -> {
                    String pod = deletedPod(object, message);
                    if (pod != null) {
                        close(open, done, ns + "/" + pod, t);
                    }
                }
                case "RemovingNode" -> {
                    String node = object.substring(object.indexOf('/') + 1);
                    for (String pod : open.onNode(node)) {
                        close(open, done, pod, t);
                    }
                }
                default -> {
                }
            }
        }
        for (String pod : open.pods()) {
            close(open, done, pod, runEnd);
        }
        List<Placement> out = new ArrayList<>();
        for (Placement p : done) {
            out.add(new Placement(p.pod, p.node, workload(p.pod, owner, parent), p.start, p.end));
        }
        out.sort(java.util.Comparator.comparingDouble(Placement::start).thenComparing(Placement::pod));
        return new PodPlacements(List.copyOf(out));
    }

    private record Open(String pod, String node, double start) {
        /**
         * The open placements by pod, in the order they opened, and each node's: a node's removal
         * closes its own, not a walk over every pod's (150,000 of them at 5,000 nodes, for each of
         * the 5,000 nodes a node-pool upgrade removes).
         */
        static final class Table {
            private final Map<String, Open> byPod = new LinkedHashMap<>();
            private final Map<String, java.util.Set<String>> byNode = new java.util.HashMap<>();

            void put(Open o) {
                byPod.put(o.pod, o);
                byNode.computeIfAbsent(o.node, k -> new java.util.LinkedHashSet<>()).add(o.pod);
            }

            Open remove(String pod) {
                Open o = byPod.remove(pod);
                if (o != null) {
                    byNode.get(o.node).remove(pod);
                }
                return o;
            }

            /** The pods open on {@code node}, in the order they opened (a copy). */
            List<String> onNode(String node) {
                java.util.Set<String> pods = byNode.get(node);
                return pods == null ? List.of() : List.copyOf(pods);
            }

            /** Every open pod, in the order they opened (a copy). */
            List<String> pods() {
                return List.copyOf(byPod.keySet());
            }
        }
    }

    private static void close(Open.Table open, List<Placement> done, String pod, double t) {
        Open o = open.remove(pod);
        if (o != null) {
            done.add(new Placement(o.pod, o.node, "", o.start, Math.max(t, o.start)));
        }
    }

    /** The workload the pod belongs to ({@code Deployment/web}), or {@code Pod/NAME} for a pod without a controller. */
    private static String workload(String pod, Map<String, String> owner, Map<String, String> parent) {
        String o = owner.get(pod);
        if (o == null) {
            return "Pod/" + pod.substring(pod.indexOf('/') + 1);
        }
        String p = parent.get(o);
        return shortName(p != null ? p : o);
    }

    /** {@code ReplicaSet/default/web-1} → {@code ReplicaSet/web-1}: the namespace only when it is not default. */
    private static String shortName(String object) {
        String[] parts = object.split("/", 3);
        if (parts.length == 3 && parts[1].equals("default")) {
            return parts[0] + "/" + parts[2];
        }
        return object;
    }

    private static String namespace(String object) {
        String[] parts = object.split("/", 3);
        return parts.length == 3 ? parts[1] : "";
    }

    private static String podKey(String object) {
        return object.startsWith("Pod/") ? object.substring(4) : "";
    }

    /** The pod a controller's SuccessfulCreate names: {@code Created pod: X} or {@code create Pod X in StatefulSet S successful}. */
    private static String createdPod(String object, String message) {
        if (message.startsWith("Created pod: ")) {
            return message.substring("Created pod: ".length());
        }
        if (object.startsWith("StatefulSet/") && message.startsWith("create Pod ") && message.endsWith(" successful")) {
            int in = message.indexOf(" in StatefulSet ");
            return in > 0 ? message.substring("create Pod ".length(), in) : null;
        }
        return null;
    }

    private static String deletedPod(String object, String message) {
        if (message.startsWith("Deleted pod: ")) {
            return message.substring("Deleted pod: ".length());
        }
        if (object.startsWith("StatefulSet/") && message.startsWith("delete Pod ") && message.endsWith(" successful")) {
            int in = message.indexOf(" in StatefulSet ");
            return in > 0 ? message.substring("delete Pod ".length(), in) : null;
        }
        return null;
    }

    /** {@code Scaled up replica set web-7d4b9c from 0 to 3} → {@code web-7d4b9c}. */
    private static String replicaSet(String message) {
        int at = message.indexOf("replica set ");
        if (at < 0) {
            return null;
        }
        int from = message.indexOf(' ', at + "replica set ".length());
        return from < 0 ? message.substring(at + "replica set ".length()) : message.substring(at + "replica set ".length(), from);
    }
}
