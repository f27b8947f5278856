package io.kubesim.cluster;

/** The pod phase. */
public enum PodPhase {
    PENDING("Pending"), RUNNING("Running"), SUCCEEDED("Succeeded"), FAILED("Failed"), UNKNOWN("Unknown");

    private final String wireName;

    PodPhase(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
