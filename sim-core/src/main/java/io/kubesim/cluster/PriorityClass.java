package io.kubesim.cluster;

/** A PriorityClass: a named priority value, possibly the global default. */
public final class PriorityClass implements ApiObject {
    public static final String KIND = "PriorityClass";
    /** Pods at or above this priority are critical (system-cluster-critical is 2000000000). */
    public static final int SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

    private final ObjectMeta metadata;
    private final int value;
    private final boolean globalDefault;
    private final boolean preemptNever;

    public PriorityClass(ObjectMeta metadata, int value, boolean globalDefault, boolean preemptNever) {
        this.metadata = metadata;
        this.value = value;
        this.globalDefault = globalDefault;
        this.preemptNever = preemptNever;
    }

    @Override
    public ObjectMeta metadata() {
        return metadata;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public String name() {
        return metadata.name();
    }

    public int value() {
        return value;
    }

    public boolean globalDefault() {
        return globalDefault;
    }

    /** {@code preemptionPolicy: Never}. */
    public boolean preemptNever() {
        return preemptNever;
    }
}
