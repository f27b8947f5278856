package io.kubesim.cluster;

/** Node condition types. */
public enum NodeCondition {
    READY("Ready"), MEMORY_PRESSURE("MemoryPressure"), DISK_PRESSURE("DiskPressure"), PID_PRESSURE("PIDPressure");

    private final String wireName;

    NodeCondition(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
