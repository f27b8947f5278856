package io.kubesim.api;

/** A node taint: {@code key=value:Effect}. {@code value} is "" when absent. */
public record Taint(String key, String value, TaintEffect effect) {
    public Taint {
        value = value == null ? "" : value;
    }

    /** The upstream string form, {@code key=value:Effect} or {@code key:Effect}. */
    @Override
    public String toString() {
        return value.isEmpty() ? key + ":" + effect.wireName() : key + "=" + value + ":" + effect.wireName();
    }
}
