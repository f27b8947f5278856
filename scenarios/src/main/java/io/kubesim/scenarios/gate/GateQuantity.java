package io.kubesim.scenarios.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The quantities a gate can bound, each over what summary.json holds for the whole run. This enum
 * is the one table of names: a new quantity is a constant here plus its measurement in the cli
 * module's {@code GateMeasurements}. {@link #ACTION} picks one of summary.json's {@code actions[]}
 * windows ({@code action[rollout web].failed}); the quantity after the dot is one of those with
 * {@link #inAction()}, measured inside that window.
 */
public enum GateQuantity {
    /** Failed requests over all requests (0 with no traffic); per service with a selector. */
    ERROR_RATIO("errorRatio", Selector.OPTIONAL, "service", Scope.BOTH),
    /** Failed requests (the whole run's without startup); per service with a selector. */
    FAILED("failed", Selector.OPTIONAL, "service", Scope.BOTH),
    /** Seconds of outage summed over services, or of one service. */
    OUTAGE_SECONDS("outageSeconds", Selector.OPTIONAL, "service", Scope.BOTH),
    /**
     * The p99 latency of one service after its startup, or the worst service's (in an action: of
     * the requests served inside its window).
     */
    P99_MS("p99Ms", Selector.OPTIONAL, "service", Scope.BOTH),
    /** The lowest available replica count a workload had (kind/name, or a name naming one workload). */
    MIN_AVAILABLE("minAvailable", Selector.REQUIRED, "kind/name or name", Scope.BOTH),
    /** Seconds a workload had fewer available pods than desired, after it was first fully available. */
    SECONDS_BELOW_DESIRED("secondsBelowDesired", Selector.REQUIRED, "kind/name or name", Scope.BOTH),
    /** A Deployment's longest rollout in seconds (an unfinished one counts until the end), or the longest of all. */
    ROLLOUT_SECONDS("rolloutSeconds", Selector.OPTIONAL, "deployment", Scope.RUN),
    /** The longest time any pod waited to be scheduled, in seconds. */
    PENDING_SECONDS("pendingSeconds", Selector.NONE, null, Scope.RUN),
    /** One timeline action's window; the quantity after the dot is measured inside it. */
    ACTION("action", Selector.REQUIRED, "KIND TARGET or index", Scope.RUN),
    /** Pods evicted while an action's window was open. */
    EVICTIONS("evictions", Selector.NONE, null, Scope.ACTION),
    /** Pod-seconds spent unscheduled in an action's window. */
    PENDING_POD_SECONDS("pendingPodSeconds", Selector.NONE, null, Scope.ACTION);

    /** Whether a quantity takes a {@code [selector]}. */
    public enum Selector { NONE, OPTIONAL, REQUIRED }

    /** Where a quantity can be written: on its own, after {@code action[...].}, or both. */
    private enum Scope { RUN, ACTION, BOTH }

    private final String label;
    private final Selector selector;
    private final String selects;
    private final Scope scope;

    GateQuantity(String label, Selector selector, String selects, Scope scope) {
        this.label = label;
        this.selector = selector;
        this.selects = selects;
        this.scope = scope;
    }

    /** Whether the quantity can be written on its own, over the whole run. */
    public boolean inRun() {
        return scope != Scope.ACTION;
    }

    /** Whether the quantity can follow {@code action[...].}. */
    public boolean inAction() {
        return scope != Scope.RUN;
    }

    /** The name written in a gate, e.g. {@code p99Ms}. */
    public String label() {
        return label;
    }

    public Selector selector() {
        return selector;
    }

    /** The quantity by its written name, or null. */
    public static GateQuantity named(String name) {
        for (GateQuantity q : values()) {
            if (q.label.equals(name)) {
                return q;
            }
        }
        return null;
    }

    /** How the quantity is written, e.g. {@code p99Ms[service]}. */
    public String usage() {
        return switch (selector) {
            case NONE -> label;
            case OPTIONAL -> label + "[" + selects + "]?";
            case REQUIRED -> label + "[" + selects + "]";
        };
    }

    /** Every quantity's usage, for error messages. */
    public static String allUsages() {
        List<String> out = new ArrayList<>();
        for (GateQuantity q : values()) {
            if (q.inRun() && q != ACTION) {
                out.add(q.usage());
            }
        }
        List<String> inAction = new ArrayList<>();
        for (GateQuantity q : values()) {
            if (q.inAction()) {
                inAction.add(q.usage());
            }
        }
        out.add(ACTION.usage() + ".(" + String.join("|", inAction) + ")");
        return String.join(", ", out);
    }
}
