package io.kubesim.scheduler.framework;

import java.util.function.ObjIntConsumer;

/**
 * How many pods fall in each domain (value) of one topology key, or on each node: the scheduler cache keeps these
 * between cycles, so a plugin reads a count instead of matching every pod again. Read-only to
 * plugins; only values with a count other than 0 are held.
 */
public interface DomainCounts {
    /** No pod anywhere: what a selector that selects nothing counts. */
    DomainCounts NONE = new DomainCounts() {
        @Override
        public int count(String value) {
            return 0;
        }

        @Override
        public boolean isEmpty() {
            return true;
        }

        @Override
        public void forEach(ObjIntConsumer<String> action) {
        }
    };

    /** The count for the topology value; 0 for a value not held or null. */
    int count(String topologyValue);

    boolean isEmpty();

    /** Every value held with its count, in no particular order (callers only add them up). */
    void forEach(ObjIntConsumer<String> action);
}
