package io.kubesim.cluster;

/**
 * The kubelet-reported state of one container: waiting (with a reason such as
 * {@code ContainerCreating} or {@code CrashLoopBackOff}), running, or terminated.
 */
public final class ContainerStatus {
    /** The container state. */
    public enum State { WAITING, RUNNING, TERMINATED }

    private final String name;
    private State state = State.WAITING;
    private String reason = "ContainerCreating";
    private long startedAt = -1;
    private boolean ready;
    private boolean started;
    private int restartCount;
    private int lastExitCode;
    private String lastTerminationReason = "";

    public ContainerStatus(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    /** The waiting or terminated reason; empty while running. */
    public String reason() {
        return reason;
    }

    public long startedAt() {
        return startedAt;
    }

    public boolean ready() {
        return ready;
    }

    public boolean started() {
        return started;
    }

    public int restartCount() {
        return restartCount;
    }

    public int lastExitCode() {
        return lastExitCode;
    }

    public String lastTerminationReason() {
        return lastTerminationReason;
    }

    public void waiting(String why) {
        state = State.WAITING;
        reason = why;
        ready = false;
        started = false;
    }

    public void running(long now) {
        state = State.RUNNING;
        reason = "";
        startedAt = now;
    }

    public void terminated(int exitCode, String why) {
        state = State.TERMINATED;
        reason = why;
        ready = false;
        started = false;
        lastExitCode = exitCode;
        lastTerminationReason = why;
    }

    public void setReady(boolean r) {
        ready = r;
    }

    public void setStarted(boolean s) {
        started = s;
    }

    public void incrementRestarts() {
        restartCount++;
    }
}
