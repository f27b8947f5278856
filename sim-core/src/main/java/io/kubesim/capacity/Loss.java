package io.kubesim.capacity;

/** What the cluster must survive besides the scenario itself. */
public enum Loss {
    /** Nothing: the scenario as written. */
    NONE,
    /** The node running the most pods fails at the worst moment (and stays down). */
    NODE,
    /** Every node of the zone running the most pods fails at the worst moment (and stays down). */
    ZONE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
