package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a pod stands, as its records are walked in time order: scheduled or not (and the last
 * failed attempt), started, Ready, waiting on a warning, ended and how. Its conclusion is the
 * explanation's last word: for a pod still Pending, {@link PendingVerdict}; otherwise what it is
 * doing at that time.
 */
final class PodState {
    private Double created;
    private double firstSeen = -1;
    private JsonNode lastFailure;
    private int failedAttempts;
    private String node;
    private Double scheduledAt;
    private Double startedAt;
    private double lastStartedAt;
    private int starts;
    /** The last Warning event since the container last started ("reason: message"), or null. */
    private String lastWarning;
    private double lastWarningAt;
    private Boolean ready;
    private double readySince;
    private String readyReason;
    private String ended;
    private double endedAt;
    /**
     * The end known so far is the owner's delete or the kubelet's "Stopping container" kill that
     * carries out a deletion: the kubelet's Terminating cause, when recorded, says more.
     */
    private boolean endedByOwner;

    void seen(double t) {
        if (firstSeen < 0) {
            firstSeen = t;
        }
    }

    void created(double t) {
        created = t;
    }

    /** Whether its owner's creation of it was seen: a second one is a new pod of the same name. */
    boolean createdSeen() {
        return created != null;
    }

    /** How and when it ended ("evicted (...) at 5:00.0"), or null while it has not. */
    String endedAt() {
        return ended == null ? null : ended + " at " + ExplainTime.format(endedAt);
    }

    void failedAttempt(JsonNode attempt) {
        failedAttempts++;
        lastFailure = attempt;
    }

    boolean scheduled() {
        return scheduledAt != null;
    }

    void scheduled(String onNode, double t) {
        if (scheduledAt == null) {
            node = onNode;
            scheduledAt = t;
        }
    }

    void started(double t) {
        if (startedAt == null) {
            startedAt = t;
        }
        lastStartedAt = t;
        starts++;
        lastWarning = null;
    }

    /** A Warning event; the kubelet's "Error: ErrImagePull" is kept with the warning just before it that says what failed. */
    void warning(String reason, String message, double t) {
        boolean summary = message.startsWith("Error: ") && lastWarning != null && lastWarningAt == t;
        lastWarning = summary ? message + " (" + lastWarning + ")" : reason + ": " + message;
        lastWarningAt = t;
    }

    void readiness(boolean isReady, String reason, double t) {
        ready = isReady;
        readySince = t;
        readyReason = reason;
    }

    /** The pod's end (preempted, evicted, killed); the first one recorded stands. */
    void ended(String how, double t) {
        if (ended == null) {
            ended = how;
            endedAt = t;
        }
    }

    /** The kubelet stopping a container for the pod's deletion (a Killing "Stopping container" event). */
    void stoppedForDeletion(String how, double t) {
        if (ended == null) {
            ended(how, t);
            endedByOwner = true;
        }
    }

    void deletedByOwner(String how, double t) {
        if (ended == null) {
            ended(how, t);
            endedByOwner = true;
        }
    }

    /**
     * The kubelet's Terminating decision: its cause replaces an owner's delete or the container
     * stop that carries it out, not a preemption or eviction.
     */
    void terminating(String cause, double t) {
        if (ended == null || endedByOwner) {
            double since = ended != null ? Math.min(endedAt, t) : t;
            ended = "stopped by the kubelet" + (cause.isEmpty() ? "" : " (" + cause + ")");
            endedAt = since;
            endedByOwner = false;
        }
    }

    /** @param nothing the run had no record of the pod up to {@code now} */
    List<String> conclusions(double now, boolean nothing) {
        List<String> out = new ArrayList<>();
        if (nothing) {
            out.add("At " + ExplainTime.format(now) + " the run had no record of the pod yet.");
            return out;
        }
        double since = created != null ? created : firstSeen;
        // a pod with spec.nodeName set bypasses the scheduler: its kubelet's start says it has a node
        if (scheduledAt == null && startedAt == null && ended == null) {
            return PendingVerdict.conclude(lastFailure, since, now, failedAttempts);
        }
        String at = "At " + ExplainTime.format(now) + ": ";
        if (ended != null) {
            out.add(at + ended + " at " + ExplainTime.format(endedAt)
                    + (node != null ? "; it ran on " + node : "; it was never scheduled"));
        } else if (startedAt != null && lastWarning == null) {
            out.add(at + "running" + (node == null ? "" : " on " + node) + " since " + ExplainTime.format(lastStartedAt)
                    + (starts > 1 ? " (started " + starts + " times)" : "")
                    + (ready == null ? "" : ready ? ", Ready since " + ExplainTime.format(readySince)
                    : ", not Ready since " + ExplainTime.format(readySince) + " (" + readyReason + ")"));
        } else {
            String where = node == null ? "" : " on " + node;
            out.add(at + (startedAt == null ? "scheduled to " + node + " at " + ExplainTime.format(scheduledAt)
                    + ", never started" : "started " + starts + " time" + (starts == 1 ? "" : "s") + where
                    + ", the last at " + ExplainTime.format(lastStartedAt))
                    + (ready != null && !ready ? "; not Ready since " + ExplainTime.format(readySince) : ""));
            if (lastWarning != null) {
                out.add("Waiting since " + ExplainTime.format(lastWarningAt) + ": " + lastWarning);
            }
        }
        if (failedAttempts > 0 && scheduledAt != null) {
            out.add("It was Pending for " + Quantities.duration(scheduledAt - since) + " before it was scheduled ("
                    + failedAttempts + " failed attempt" + (failedAttempts == 1 ? "" : "s") + "; the last: "
                    + SchedulingAttempt.fitPart(lastFailure.path("message").asText()) + ")");
        }
        return out;
    }
}
