package io.kubesim.cluster;

/**
 * A mutable status condition. {@code lastTransitionTime} changes only when the status changes;
 * {@code lastUpdateTime} (used by Deployment conditions) on every set.
 */
public final class Condition {
    private final String type;
    private ConditionStatus status;
    private long lastTransitionTime;
    private long lastUpdateTime;
    private String reason = "";
    private String message = "";

    public Condition(String type, ConditionStatus status, long time) {
        this.type = type;
        this.status = status;
        this.lastTransitionTime = time;
        this.lastUpdateTime = time;
    }

    public String type() {
        return type;
    }

    public ConditionStatus status() {
        return status;
    }

    public boolean isTrue() {
        return status == ConditionStatus.TRUE;
    }

    public long lastTransitionTime() {
        return lastTransitionTime;
    }

    public long lastUpdateTime() {
        return lastUpdateTime;
    }

    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    /** Sets the condition; returns true when its status changed. */
    public boolean set(ConditionStatus s, String reason, String message, long now) {
        boolean changed = s != status;
        if (changed) {
            status = s;
            lastTransitionTime = now;
        }
        this.reason = reason == null ? "" : reason;
        this.message = message == null ? "" : message;
        lastUpdateTime = now;
        return changed;
    }
}
