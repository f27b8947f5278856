package io.kubesim.controllers;

import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The pods each PodDisruptionBudget selects, counted in line with each pod write, so that a sync
 * reads its budget's counts instead of walking every selected pod (a walk per pod event is
 * quadratic in a budget's size). Per budget: how many pods, how many are Ready and not
 * terminating, and how many per controller; per controller, the budgets counting its pods.
 *
 * <p>A budget created, removed or given a new spec discards every count; they are counted afresh
 * from the store at the next read. Between those, each pod write moves the pod's contribution from
 * the budgets it was counted in to those selecting it now.
 */
final class BudgetPods {
    /** A controller (by uid) and how many of a budget's pods it owns. */
    static final class Owner {
        final OwnerReference ref;
        int pods;

        Owner(OwnerReference ref) {
            this.ref = ref;
        }
    }

    /** The pods one budget selects, counted. */
    static final class Selected {
        final PodDisruptionBudget budget;
        /** The selector the pods were counted with. */
        final io.kubesim.api.LabelSelector selector;
        int pods;
        /** Ready and not terminating. */
        int ready;
        int ownerless;
        /** By controller uid, in the order controllers first had a pod counted. */
        final Map<String, Owner> owners = new LinkedHashMap<>();

        Selected(PodDisruptionBudget budget) {
            this.budget = budget;
            this.selector = budget.selector();
        }
    }

    /** What a pod was counted with (its labels pick its budgets), and where. */
    private record Seen(Map<String, String> labels, boolean ready, OwnerReference owner, List<Selected> in) {
        static Seen of(Pod p, List<Selected> in) {
            return new Seen(p.metadata().labels(), healthy(p), p.metadata().owner(), in);
        }

        /** Counted as now: labels (replaced, never changed in place), health and controller as the pod has them. */
        boolean current(Pod p) {
            return labels == p.metadata().labels() && ready == healthy(p) && owner == p.metadata().owner();
        }

        private static boolean healthy(Pod p) {
            return p.isReady() && !p.metadata().isDeleting();
        }
    }

    private final Function<Pod, List<PodDisruptionBudget>> budgetsOf;
    private final Function<PodDisruptionBudget, Iterable<Pod>> candidates;
    private final Function<String, ? extends Iterable<PodDisruptionBudget>> budgetsIn;
    private final java.util.function.Supplier<? extends Iterable<String>> namespaces;
    /** Null after a budget change: counted afresh at the next read. */
    private Map<PodDisruptionBudget, Selected> byBudget;
    private final Map<Pod, Seen> seen = new IdentityHashMap<>();
    /** Budgets counting a controller's pods, by the controller's uid. */
    private final Map<String, Set<Selected>> byOwner = new java.util.HashMap<>();
    /** How many times every budget's pods were counted afresh. */
    private int recounts;

    /**
     * @param budgetsOf  the budgets selecting a pod now
     * @param candidates the pods a budget may select (each still matched)
     * @param namespaces the namespaces holding budgets, and {@code budgetsIn} each one's budgets
     */
    BudgetPods(Function<Pod, List<PodDisruptionBudget>> budgetsOf,
               Function<PodDisruptionBudget, Iterable<Pod>> candidates,
               java.util.function.Supplier<? extends Iterable<String>> namespaces,
               Function<String, ? extends Iterable<PodDisruptionBudget>> budgetsIn) {
        this.budgetsOf = budgetsOf;
        this.candidates = candidates;
        this.namespaces = namespaces;
        this.budgetsIn = budgetsIn;
    }

    /** A budget was created, removed or given a new spec: every count is made again when next read. */
    void budgetsChanged() {
        byBudget = null;
        seen.clear();
        byOwner.clear();
    }

    /**
     * The budget's counts still hold after a write to it: nothing is counted yet, or it was counted
     * with the selector it has now (a status write changes nothing here; a status write of a budget
     * not yet counted, or a new selector, needs the count afresh).
     */
    boolean countedAsIs(PodDisruptionBudget budget) {
        if (byBudget == null) {
            return true;
        }
        Selected c = byBudget.get(budget);
        return c != null && java.util.Objects.equals(c.selector, budget.selector());
    }

    /** A pod was written ({@code removed}: it left the store): moves its contribution. */
    void podWritten(Pod pod, boolean removed) {
        if (byBudget == null) {
            return;
        }
        Seen kept = seen.get(pod);
        if (!removed && kept != null && kept.current(pod)) {
            return; // most writes are status changes that move nothing
        }
        Seen old = seen.remove(pod);
        if (old != null) {
            for (Selected c : old.in()) {
                uncount(c, old);
            }
        }
        if (removed) {
            return;
        }
        List<PodDisruptionBudget> budgets = budgetsOf.apply(pod);
        if (budgets.isEmpty()) {
            return;
        }
        List<Selected> in = new ArrayList<>(budgets.size());
        for (PodDisruptionBudget b : budgets) {
            in.add(byBudget.get(b));
        }
        Seen now = Seen.of(pod, in);
        seen.put(pod, now);
        for (Selected c : in) {
            count(c, now);
        }
    }

    /** The budget's counts, current with every write so far. */
    Selected of(PodDisruptionBudget budget) {
        countAll();
        return byBudget.get(budget);
    }

    /** How many times every budget's pods were counted afresh (each a walk over all their pods). */
    int recounts() {
        return recounts;
    }

    /** The budgets counting pods of the controller with {@code uid}. */
    Set<Selected> budgetsOfController(String uid) {
        countAll();
        return byOwner.getOrDefault(uid, Set.of());
    }

    private void countAll() {
        if (byBudget != null) {
            return;
        }
        recounts++;
        byBudget = new IdentityHashMap<>();
        for (String ns : namespaces.get()) {
            for (PodDisruptionBudget b : budgetsIn.apply(ns)) {
                Selected c = new Selected(b);
                byBudget.put(b, c);
                for (Pod p : candidates.apply(b)) {
                    if (!b.selects(p)) {
                        continue;
                    }
                    Seen s = seen.get(p);
                    if (s == null) {
                        s = Seen.of(p, new ArrayList<>(1));
                        seen.put(p, s);
                    }
                    s.in().add(c);
                    count(c, s);
                }
            }
        }
    }

    private void count(Selected c, Seen s) {
        c.pods++;
        if (s.ready()) {
            c.ready++;
        }
        if (s.owner() == null) {
            c.ownerless++;
            return;
        }
        Owner o = c.owners.get(s.owner().uid());
        if (o == null) {
            o = new Owner(s.owner());
            c.owners.put(s.owner().uid(), o);
            byOwner.computeIfAbsent(s.owner().uid(), k -> new LinkedHashSet<>()).add(c);
        }
        o.pods++;
    }

    private void uncount(Selected c, Seen s) {
        c.pods--;
        if (s.ready()) {
            c.ready--;
        }
        if (s.owner() == null) {
            c.ownerless--;
            return;
        }
        Owner o = c.owners.get(s.owner().uid());
        if (--o.pods == 0) {
            c.owners.remove(s.owner().uid());
            Set<Selected> budgets = byOwner.get(s.owner().uid());
            budgets.remove(c);
            if (budgets.isEmpty()) {
                byOwner.remove(s.owner().uid());
            }
        }
    }
}
