package io.kubesim.scheduler.framework;

import java.util.Arrays;

/**
 * Data one scheduling cycle computes once (in PreFilter or PreScore) and reads back per node, by
 * a typed {@link Key} so no caller casts. A new CycleState is made for every attempt; what-if
 * evaluations (preemption, nominated pods) work on a {@link #copy()}.
 */
public final class CycleState {
    /** Keys made so far; synchronized because plugin classes may be initialised on several threads (sweeps). */
    private static int keys;

    /**
     * Values by their key's index: every Filter and Score call reads its plugin's state here, once
     * per node and plugin (thousands of times a cycle at 5,000 nodes), so a read is an array load
     * rather than a map lookup.
     */
    private Object[] values = new Object[16];

    /** Plugin state that PreFilter extensions change, so a copy of the cycle state must copy it. */
    public interface StateData {
        StateData copy();
    }

    /** A copy in which every {@link StateData} value is copied and other values are shared. */
    public CycleState copy() {
        CycleState c = new CycleState();
        c.values = values.clone();
        for (int i = 0; i < c.values.length; i++) {
            if (c.values[i] instanceof StateData sd) {
                c.values[i] = sd.copy();
            }
        }
        return c;
    }

    /** A typed key; each plugin declares its own as a constant, and each key has its own slot. */
    public static final class Key<T> {
        private final String name;
        private final int index = nextKeyIndex();

        public Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static synchronized int nextKeyIndex() {
        return keys++;
    }

    public <T> void put(Key<T> key, T value) {
        if (key.index >= values.length) {
            values = Arrays.copyOf(values, Math.max(key.index + 1, 2 * values.length));
        }
        values[key.index] = value;
    }

    /** The value stored under the key, or null when none was stored. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return key.index < values.length ? (T) values[key.index] : null;
    }
}
