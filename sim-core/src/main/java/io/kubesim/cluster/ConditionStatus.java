package io.kubesim.cluster;

/** The status of a condition, with the upstream spelling. */
public enum ConditionStatus {
    TRUE("True"), FALSE("False"), UNKNOWN("Unknown");

    private final String wireName;

    ConditionStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ConditionStatus of(boolean b) {
        return b ? TRUE : FALSE;
    }
}
