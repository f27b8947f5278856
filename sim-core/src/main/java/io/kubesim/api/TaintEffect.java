package io.kubesim.api;

/** The effect of a node taint, with the upstream spelling. */
public enum TaintEffect {
    NO_SCHEDULE("NoSchedule"),
    PREFER_NO_SCHEDULE("PreferNoSchedule"),
    NO_EXECUTE("NoExecute");

    private final String wireName;

    TaintEffect(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses the upstream spelling; null for an unknown value. */
    public static TaintEffect parse(String s) {
        for (TaintEffect e : values()) {
            if (e.wireName.equals(s)) {
                return e;
            }
        }
        return null;
    }
}
