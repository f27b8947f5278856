package io.kubesim.controllers;

/** Reconciles one object, named by its key, towards its desired state. */
@FunctionalInterface
public interface Reconciler {
    /**
     * Brings the object with this key closer to its desired state.
     *
     * @return how many microseconds from now to reconcile it again, or {@link #DONE}
     */
    long reconcile(String key);

    long DONE = -1;
}
