package io.kubesim.scheduler.framework;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Data one scheduling cycle computes once (in PreFilter or PreScore) and reads back per node, by
 * a typed {@link Key} so no caller casts. A new CycleState is made for every attempt; what-if
 * evaluations (preemption, nominated pods) work on a {@link #copy()}.
 */
public final class CycleState {
    private final Map<Key<?>, Object> values = new IdentityHashMap<>(8);

    /** Plugin state that PreFilter extensions change, so a copy of the cycle state must copy it. */
    public interface StateData {
        StateData copy();
    }

    /** A copy in which every {@link StateData} value is copied and other values are shared. */
    public CycleState copy() {
        CycleState c = new CycleState();
        for (Map.Entry<Key<?>, Object> e : values.entrySet()) {
            Object v = e.getValue();
            c.values.put(e.getKey(), v instanceof StateData sd ? sd.copy() : v);
        }
        return c;
    }

    /** A typed key; compared by identity, so each plugin declares its own as a constant. */
    public static final class Key<T> {
        private final String name;

        public Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public <T> void put(Key<T> key, T value) {
        values.put(key, value);
    }

    /** The value stored under the key, or null when none was stored. */
    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return (T) values.get(key);
    }
}
