package io.kubesim.scheduler.framework;

import io.kubesim.cluster.PodDisruptionBudget;
import java.util.Collection;
import java.util.List;

/**
 * The scheduler's read-only view of PodDisruptionBudgets (upstream's PDB lister in
 * DefaultPreemption, k8s-semantics.md 3.6): preemption only reads each budget's selector,
 * {@code status.disruptionsAllowed} and {@code status.disruptedPods}, never writes them.
 */
@FunctionalInterface
public interface DisruptionBudgetLister {
    /** No budgets: every candidate counts 0 violations. */
    DisruptionBudgetLister NONE = List::of;

    /** Every budget, in a fixed order. */
    Collection<PodDisruptionBudget> list();
}
