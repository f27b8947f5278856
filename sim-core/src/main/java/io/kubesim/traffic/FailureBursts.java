package io.kubesim.traffic;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups failed requests into bursts for {@code kubesim explain --failures}: failures of one
 * Service on one pod with one cause, with no gap longer than {@link #GAP} between them. Each
 * burst becomes one {@code RequestsFailed} decision (facts pod, cause, count, first, last, and
 * firstSent when its requests failed only after waiting: connect timeouts, hung requests) when a
 * later failure of the same kind opens a new burst, or when the run ends ({@link #flush()}).
 * Failures that reached no pod (the balancer had no endpoint) have pod {@code ""}.
 *
 * <p>Cost per failed request: one map lookup by the pod's existing key and a few field writes;
 * nothing is allocated except when a burst opens. Fluid runs report fractional amounts; a burst's
 * count is their sum rounded to whole requests, and a burst that rounds to none is not recorded.
 */
public final class FailureBursts {
    /** The longest gap between two failures of one burst. */
    public static final long GAP = SimTime.seconds(1);
    private static final RequestCause[] CAUSES = RequestCause.values();
    private static final Comparator<Burst> ORDER = Comparator.comparingLong((Burst b) -> b.first)
            .thenComparing(b -> b.service).thenComparing(b -> b.pod).thenComparing(b -> b.cause.label());

    private final DecisionRecorder decisions;
    /** Open bursts by Service key, then pod key, then cause. */
    private final Map<String, Map<String, Burst[]>> open = new HashMap<>();

    public FailureBursts(DecisionRecorder decisions) {
        this.decisions = decisions;
    }

    private static final class Burst {
        final String service;
        final String pod;
        final RequestCause cause;
        long first;
        long last;
        /** When the earliest of its requests was sent (before {@code first} for those that waited to fail). */
        long firstSent;
        double amount;

        Burst(String service, String pod, RequestCause cause) {
            this.service = service;
            this.pod = pod;
            this.cause = cause;
        }
    }

    /**
     * {@code amount} requests of Service {@code serviceKey} failed with {@code cause} at {@code time}.
     *
     * @param podKey {@code namespace/name} of the pod they failed on, or null when they reached none
     */
    void failed(String serviceKey, String podKey, RequestCause cause, long time, double amount) {
        failed(serviceKey, podKey, cause, time, time, amount);
    }

    /** As above, for requests sent at {@code sentAt} (a client that waited fails them later). */
    void failed(String serviceKey, String podKey, RequestCause cause, long time, long sentAt, double amount) {
        if (cause == RequestCause.OK || !(amount > 0)) {
            return;
        }
        String pod = podKey == null ? "" : podKey;
        Burst[] byCause = open.computeIfAbsent(serviceKey, k -> new HashMap<>())
                .computeIfAbsent(pod, k -> new Burst[CAUSES.length]);
        Burst b = byCause[cause.ordinal()];
        if (b != null && time - b.last > GAP) {
            record(b);
            b = null;
        }
        if (b == null) {
            b = new Burst(serviceKey, pod, cause);
            b.first = time;
            b.firstSent = sentAt;
            byCause[cause.ordinal()] = b;
        }
        // A timeout is counted when its client gave up, which may lie before a failure seen earlier.
        b.first = Math.min(b.first, time);
        b.firstSent = Math.min(b.firstSent, sentAt);
        b.last = Math.max(b.last, time);
        b.amount += amount;
    }

    /** Records every open burst, in order of their first failure (then Service, pod, cause). */
    public void flush() {
        List<Burst> all = new ArrayList<>();
        for (Map<String, Burst[]> byPod : open.values()) {
            for (Burst[] byCause : byPod.values()) {
                for (Burst b : byCause) {
                    if (b != null) {
                        all.add(b);
                    }
                }
            }
        }
        open.clear();
        all.sort(ORDER);
        for (Burst b : all) {
            record(b);
        }
    }

    private void record(Burst b) {
        long count = Math.round(b.amount);
        if (count == 0) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("pod", b.pod);
        facts.put("cause", b.cause.label());
        facts.put("status", b.cause.status());
        facts.put("count", count);
        facts.put("first", SimTime.toSeconds(b.first));
        facts.put("last", SimTime.toSeconds(b.last));
        if (b.firstSent < b.first) {
            facts.put("firstSent", SimTime.toSeconds(b.firstSent)); // they waited: a connect or request timeout
        }
        String where = b.pod.isEmpty() ? "with no endpoint to go to" : "on pod " + b.pod;
        decisions.record(new Decision(b.first, "traffic", "RequestsFailed", "Service/" + b.service,
                count + " request" + (count == 1 ? "" : "s") + " failed " + where + " (" + b.cause.label() + ")",
                facts));
    }
}
