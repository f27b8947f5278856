package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kubesim explain --pod NAME [--at TIME]}: one pod's life from the run's records. Who
 * created it and why ({@link PodOwner}); each scheduling attempt with each node's filter
 * verdict, the scores and the preemption attempt ({@link SchedulingAttempt}); image pulls, starts,
 * probe failures summarised ({@link ProbeFailures}), readiness changes, endpoint and proxy changes,
 * termination and its cause. The conclusion says the pod's state at the end (or at {@code --at}):
 * for a pod still Pending, why, what preemption found, and what would let it schedule
 * ({@link PendingVerdict}).
 */
public final class PodExplainer {
    private PodExplainer() {
    }

    /**
     * @param pod the pod's name, or {@code namespace/name}
     * @param at  seconds: explain the pod's state at this time (steps after it are left out); null for all
     */
    public static Explanation explain(RunRecord run, String pod, Double at) {
        String key = PodKeys.resolve(run, pod);
        List<PodRecords.Item> items = PodRecords.of(run, key, at);
        Life life = new Life(key, run, proxiedServices(items) > 1);
        for (PodRecords.Item it : items) {
            life.take(it);
        }
        life.closeOpenRuns();
        double now = at != null ? at : run.summary().path("simulatedSeconds").asDouble();
        return new Explanation("pod " + key, life.steps(), life.conclusions(now, items.isEmpty()));
    }

    /** How many Services' proxy updates name the pod: with more than one, each says its Service. */
    private static long proxiedServices(List<PodRecords.Item> items) {
        return items.stream().filter(it -> it.source() == PodRecords.Source.DECISION
                        && it.node().path("kind").asText().equals("ProxyUpdated"))
                .map(it -> it.node().path("object").asText()).distinct().count();
    }

    /** The walk over one pod's records: the steps so far, and the pod's {@link PodState}. */
    private static final class Life {
        private final String key;
        private final String name;
        private final RunRecord run;
        /** The pod is behind several Services: a proxy update says whose. */
        private final boolean nameServices;
        private int preemptedEvents;
        private final List<Entry> entries = new ArrayList<>();
        private boolean hasScheduling;
        /** The pod of this name being walked: a new one when its owner creates the name again. */
        private PodState state = new PodState();
        private JsonNode repeatFirst;
        private JsonNode repeatLast;
        private int repeats;
        private int repeatSeq;
        /** The taint manager's last scheduled eviction of the pod (its facts: taints, tolerationSeconds), or null. */
        private JsonNode taintEviction;
        /** The node preemption last nominated for the pod, or "". */
        private String nominated = "";
        private ProbeFailures probes;
        private int probesSeq;
        /** Order of steps at equal times: a summarised run takes its place when it began. */
        private int seq;

        Life(String key, RunRecord run, boolean nameServices) {
            this.key = key;
            this.nameServices = nameServices;
            this.name = key.substring(key.indexOf('/') + 1);
            this.run = run;
            for (JsonNode s : run.scheduling()) {
                if (s.path("pod").asText().equals(key)) {
                    hasScheduling = true;
                    break;
                }
            }
        }

        private record Entry(double time, int seq, Explanation.Step step) {
        }

        private void add(Explanation.Step step) {
            entries.add(new Entry(step.time(), seq++, step));
        }

        void take(PodRecords.Item it) {
            state.seen(it.time());
            switch (it.source()) {
                case OWNER -> {
                    Explanation.Step step = PodOwner.step(run, it, name);
                    if (it.reason().equals("SuccessfulCreate")) {
                        if (state.createdSeen()) {
                            step = newPodOfTheName(step);
                        }
                        state.created(it.time());
                    } else {
                        state.deletedByOwner(step.text().replaceFirst(", after .*| in step .*", ""), it.time());
                    }
                    add(step);
                }
                case SCHEDULING -> scheduling(it.node());
                case EVENT -> event(it);
                case DECISION -> decision(it);
                default -> throw new IllegalStateException(it.source().name());
            }
        }

        /**
         * The owner made the name again (a StatefulSet recreates each identity once its pod is
         * gone): from here the steps and the conclusion are the new pod's.
         */
        private Explanation.Step newPodOfTheName(Explanation.Step created) {
            closeProbes();
            flushRepeats();
            String before = state.endedAt();
            state = new PodState();
            repeatLast = null;
            nominated = "";
            taintEviction = null;
            Map<String, Object> facts = new LinkedHashMap<>(created.facts());
            facts.put("newPodOfTheName", true);
            String text = created.text() + ": a new pod of this name"
                    + (before == null ? "" : " (the one before it: " + before + ")");
            return new Explanation.Step(created.time(), text, created.detail(), facts);
        }

        private void scheduling(JsonNode s) {
            boolean scheduled = s.path("result").asText().equals("Scheduled");
            if (!scheduled && repeatLast != null && SchedulingAttempt.signature(s).equals(SchedulingAttempt.signature(repeatLast))) {
                if (repeats == 0) {
                    repeatFirst = s;
                    repeatSeq = seq++;
                }
                repeats++;
                repeatLast = s;
                state.failedAttempt(s);
                return;
            }
            flushRepeats();
            add(SchedulingAttempt.step(s, nominated));
            if (scheduled) {
                state.scheduled(s.path("node").asText(), s.path("time").asDouble());
                repeatLast = null;
            } else {
                state.failedAttempt(s);
                repeatLast = s;
                if (!s.path("nominatedNode").asText().isEmpty()) {
                    nominated = s.path("nominatedNode").asText();
                }
            }
        }

        /** Attempts that failed exactly as the one before them: one step. */
        private void flushRepeats() {
            if (repeats == 0) {
                return;
            }
            int from = repeatFirst.path("attempt").asInt();
            int to = repeatLast.path("attempt").asInt();
            double t0 = repeatFirst.path("time").asDouble();
            double t1 = repeatLast.path("time").asDouble();
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("attempts", repeats);
            facts.put("firstAttempt", from);
            facts.put("lastAttempt", to);
            facts.put("last", t1);
            String text = repeats == 1 ? "scheduling attempt " + from + " failed the same way"
                    : "scheduling attempts " + from + " to " + to + " failed the same way (the last at "
                    + ExplainTime.format(t1) + ")";
            entries.add(new Entry(t0, repeatSeq, new Explanation.Step(t0, text, List.of(), facts)));
            repeats = 0;
            repeatFirst = null;
        }

        private void event(PodRecords.Item it) {
            String reason = it.reason();
            String message = it.message();
            double t = it.time();
            switch (reason) {
                case "FailedScheduling", "Scheduled" -> {
                    if (reason.equals("Scheduled")) {
                        state.scheduled(message.substring(message.lastIndexOf(' ') + 1), t);
                    }
                    if (hasScheduling) {
                        return;
                    }
                }
                case "Unhealthy" -> {
                    if (probes != null && probes.sameAs(message)) {
                        probes.add(t);
                    } else {
                        closeProbes();
                        probes = new ProbeFailures(message, t);
                        probesSeq = seq++;
                    }
                    return;
                }
                case "Started" -> {
                    closeProbes();
                    state.started(t);
                }
                case "Killing" -> {
                    closeProbes();
                    if (message.startsWith("Stopping container")) {
                        state.stoppedForDeletion("killed (" + message + ")", t);
                    }
                }
                case "Preempted" -> {
                    String text = preempted(t, message);
                    state.ended(text.substring(0, text.indexOf(',') < 0 ? text.length() : text.indexOf(',')), t);
                    add(new Explanation.Step(t, text, List.of(message), eventFacts(reason)));
                    return;
                }
                case "Evicted" -> state.ended("evicted (" + message + ")", t);
                case "TaintManagerEviction" -> state.ended(taintEvicted(message), t);
                default -> {
                }
            }
            if (it.node().path("type").asText().equals("Warning")) {
                state.warning(reason, message, t);
            }
            add(new Explanation.Step(t, message, List.of(), eventFacts(reason)));
        }

        /**
         * "evicted by the taint manager (node.kubernetes.io/unreachable:NoExecute, tolerated for 300 s)"
         * from the eviction it scheduled, or the event's own message when the run holds none.
         */
        private String taintEvicted(String message) {
            if (taintEviction == null) {
                return "evicted (" + message + ")";
            }
            List<String> taints = new ArrayList<>();
            taintEviction.path("taints").forEach(x -> taints.add(x.asText()));
            JsonNode seconds = taintEviction.path("tolerationSeconds");
            return "evicted by the taint manager (" + String.join(", ", taints)
                    + (seconds.isNumber() ? ", tolerated for " + Quantities.duration(seconds.asDouble()) : "") + ")";
        }

        private static Map<String, Object> eventFacts(String reason) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("event", reason);
            return facts;
        }

        /** "preempted by pod default/high-1, which needed node n-2 (its scheduling attempt 1)". */
        private String preempted(double t, String message) {
            // the k-th Preempted event of this pod answers the k-th attempt naming it as a victim
            // (a victim still terminating can be named again by a later preemptor)
            preemptedEvents++;
            JsonNode by = null;
            int seen = 0;
            for (JsonNode s : run.scheduling()) {
                if (s.path("time").asDouble() > t + 1e-9 || by != null) {
                    break;
                }
                for (JsonNode v : s.path("victims")) {
                    if (v.asText().equals(key) && ++seen == preemptedEvents) {
                        by = s;
                    }
                }
            }
            if (by == null) {
                return "preempted: " + message;
            }
            return "preempted by pod " + by.path("pod").asText() + ", which preemption nominated to node "
                    + by.path("nominatedNode").asText() + " (its scheduling attempt " + by.path("attempt").asInt()
                    + "); deleted gracefully (DisruptionTarget PreemptionByScheduler)";
        }

        private void decision(PodRecords.Item it) {
            JsonNode d = it.node();
            String kind = d.path("kind").asText();
            JsonNode f = d.path("facts");
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("decision", kind);
            var fields = f.fields();
            while (fields.hasNext()) {
                var e = fields.next();
                facts.put(e.getKey(), e.getValue());
            }
            switch (kind) {
                case "TaintEvictionScheduled" -> taintEviction = f;
                case "ReadinessChanged" -> {
                    closeProbes();
                    state.readiness(f.path("ready").asBoolean(), f.path("reason").asText(), it.time());
                }
                case "Terminating" -> {
                    // the kubelet's cause (rollout, scale-down, eviction, ...) says more than the owner's delete
                    closeProbes();
                    state.terminating(f.path("cause").asText(), it.time());
                }
                default -> {
                }
            }
            String text = d.path("message").asText();
            if (nameServices && kind.equals("ProxyUpdated")) {
                String service = " for Service " + d.path("object").asText().replaceFirst("^Service/", "");
                int comma = text.indexOf(", ");
                text = comma < 0 ? text + service : text.substring(0, comma) + service + text.substring(comma);
            }
            String timing = kind.equals("ReadinessChanged") ? ReadinessTiming.of(f) : "";
            if (!timing.isEmpty()) {
                text += ", " + timing;
            }
            add(new Explanation.Step(it.time(), text.isEmpty() ? kind : text, List.of(), facts));
        }

        private void closeProbes() {
            if (probes != null) {
                entries.add(new Entry(probes.first(), probesSeq, probes.step()));
                probes = null;
            }
        }

        void closeOpenRuns() {
            closeProbes();
            flushRepeats();
        }

        List<Explanation.Step> steps() {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingDouble(Entry::time).thenComparingInt(Entry::seq));
            List<Explanation.Step> out = new ArrayList<>(sorted.size());
            for (Entry e : sorted) {
                out.add(e.step());
            }
            return RepeatedSteps.fold(out);
        }

        List<String> conclusions(double now, boolean nothing) {
            return state.conclusions(now, nothing);
        }
    }
}
