package io.kubesim.scheduler.framework;

/**
 * PreFilter: computes per-cycle data once before the per-node Filter calls. Returning
 * {@link Status#SKIP} skips this plugin's Filter for the cycle; a rejecting status fails the
 * whole cycle with that message (k8s-semantics.md 3.3 step 1).
 */
public interface PreFilterPlugin extends Plugin {
    Status preFilter(CycleState state, PodInfo pod);
}
