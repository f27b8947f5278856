package io.kubesim.scenarios.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The quantities a gate can bound, each over what summary.json holds for the whole run. This enum
 * is the one table of names: a new quantity is a constant here plus its measurement in the cli
 * module's {@code GateMeasurements}. Per-action quantities (once summary.json has attributed
 * {@code actions[]}, e.g. {@code action[rollout web].failed}) and {@code secondsBelowDesired} are
 * meant to arrive that way: the action's selector picks a window, the part after the dot is one of
 * these quantities measured inside it.
 */
public enum GateQuantity {
    /** Failed requests over all requests (0 with no traffic); per service with a selector. */
    ERROR_RATIO("errorRatio", Selector.OPTIONAL, "service"),
    /** Failed requests; per service with a selector. */
    FAILED("failed", Selector.OPTIONAL, "service"),
    /** Seconds of outage summed over services, or of one service. */
    OUTAGE_SECONDS("outageSeconds", Selector.OPTIONAL, "service"),
    /** The p99 latency of one service, or the worst service's p99. */
    P99_MS("p99Ms", Selector.OPTIONAL, "service"),
    /** The lowest available replica count a workload had (kind/name, or a name naming one workload). */
    MIN_AVAILABLE("minAvailable", Selector.REQUIRED, "kind/name or name"),
    /** A Deployment's longest rollout in seconds (an unfinished one counts until the end), or the longest of all. */
    ROLLOUT_SECONDS("rolloutSeconds", Selector.OPTIONAL, "deployment"),
    /** The longest time any pod waited to be scheduled, in seconds. */
    PENDING_SECONDS("pendingSeconds", Selector.NONE, null);

    /** Whether a quantity takes a {@code [selector]}. */
    public enum Selector { NONE, OPTIONAL, REQUIRED }

    private final String label;
    private final Selector selector;
    private final String selects;

    GateQuantity(String label, Selector selector, String selects) {
        this.label = label;
        this.selector = selector;
        this.selects = selects;
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
            out.add(q.usage());
        }
        return String.join(", ", out);
    }
}
