package io.kubesim.controllers;

import io.kubesim.cluster.EndpointSlice;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which EndpointSlices of one Service to create, update and delete so that they hold
 * exactly the desired endpoints, touching as few slices as it can. It follows upstream's
 * reconciler (staging/src/k8s.io/endpointslice/reconciler.go, reconcileByPortMapping and
 * finalize):
 * <ol>
 *   <li>endpoints are grouped by their resolved ports; each group has its own slices;</li>
 *   <li>in each existing slice, endpoints no longer desired are dropped and changed ones
 *       replaced; a slice left empty is deleted, a changed one updated, the rest untouched;</li>
 *   <li>new endpoints first fill the slices being updated anyway, fullest first; if fewer than
 *       a slice's worth remain, they go into the untouched slice that they fill most closely;
 *       otherwise into new slices of at most {@code maxEndpointsPerSlice};</li>
 *   <li>a Service with no endpoints keeps one empty placeholder slice;</li>
 *   <li>a slice about to be created reuses (updates) a slice about to be deleted instead.</li>
 * </ol>
 * Upstream draws endpoints from hash sets; here they are placed in pod-name order and slices
 * are visited in creation order, so the outcome is deterministic.
 */
final class EndpointSlicePacking {
    /** A slice's intended content; {@code existing} is null for a slice to create. */
    record Draft(EndpointSlice existing, List<EndpointSlice.Port> ports, List<EndpointSlice.Endpoint> endpoints) {
    }

    /** The writes one reconcile makes; empty when the slices already match. */
    record Plan(List<Draft> create, List<Draft> update, List<EndpointSlice> delete) {
        boolean isEmpty() {
            return create.isEmpty() && update.isEmpty() && delete.isEmpty();
        }
    }

    private final int maxEndpointsPerSlice;

    EndpointSlicePacking(int maxEndpointsPerSlice) {
        if (maxEndpointsPerSlice < 1 || maxEndpointsPerSlice > 1000) {
            throw new IllegalArgumentException("max endpoints per slice must be 1..1000, got " + maxEndpointsPerSlice);
        }
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
    }

    /**
     * @param existing the Service's current slices in creation order, all owned by it
     * @param desired  the desired endpoints by resolved ports, each group keyed by pod uid in
     *                 pod-name order
     */
    Plan plan(List<EndpointSlice> existing,
              Map<List<EndpointSlice.Port>, LinkedHashMap<String, EndpointSlice.Endpoint>> desired) {
        Map<List<EndpointSlice.Port>, List<EndpointSlice>> existingByPorts = new LinkedHashMap<>();
        for (EndpointSlice s : existing) {
            existingByPorts.computeIfAbsent(s.ports(), k -> new ArrayList<>()).add(s);
        }
        List<Draft> create = new ArrayList<>();
        List<Draft> update = new ArrayList<>();
        List<EndpointSlice> delete = new ArrayList<>();
        for (Map.Entry<List<EndpointSlice.Port>, LinkedHashMap<String, EndpointSlice.Endpoint>> e : desired.entrySet()) {
            LinkedHashMap<String, EndpointSlice.Endpoint> remaining = new LinkedHashMap<>(e.getValue());
            packPorts(e.getKey(), existingByPorts.getOrDefault(e.getKey(), List.of()), s -> true, remaining::remove,
                    remaining.values(), create, update, delete);
        }
        for (Map.Entry<List<EndpointSlice.Port>, List<EndpointSlice>> e : existingByPorts.entrySet()) {
            if (!desired.containsKey(e.getKey())) {
                delete.addAll(e.getValue());
            }
        }
        return finish(existing, create, update, delete);
    }

    /**
     * The plan {@link #plan} makes, found from what changed: the slices hold exactly the endpoints
     * of an earlier plan, and only the entries of some pods changed since. Every slice and every
     * desired endpoint has {@code ports}. Only the slices holding a changed pod's endpoint
     * ({@code touched}) are compared endpoint by endpoint; the others keep theirs, which are all
     * still desired and unchanged.
     *
     * @param desiredByUid the desired endpoints by pod uid
     * @param added        the changed pods' desired endpoints that no slice holds, in pod-name order
     */
    Plan planChanged(List<EndpointSlice> existing, List<EndpointSlice.Port> ports,
                     Function<String, EndpointSlice.Endpoint> desiredByUid, Set<EndpointSlice> touched,
                     List<EndpointSlice.Endpoint> added) {
        List<Draft> create = new ArrayList<>();
        List<Draft> update = new ArrayList<>();
        List<EndpointSlice> delete = new ArrayList<>();
        packPorts(ports, existing, touched::contains, desiredByUid, added, create, update, delete);
        return finish(existing, create, update, delete);
    }

    /** The placeholder slice of a Service without endpoints, then slices to delete reused for those to create. */
    private static Plan finish(List<EndpointSlice> existing, List<Draft> create, List<Draft> update,
                               List<EndpointSlice> delete) {
        if (existing.size() == delete.size() && create.isEmpty()) {
            if (delete.size() == 1 && isPlaceholder(delete.get(0))) {
                delete.clear();
            } else {
                create.add(new Draft(null, List.of(), new ArrayList<>()));
            }
        }
        while (!delete.isEmpty() && !create.isEmpty()) {
            Draft d = create.remove(create.size() - 1);
            update.add(new Draft(delete.remove(0), d.ports(), d.endpoints()));
        }
        return new Plan(create, update, delete);
    }

    /**
     * Packs one port group.
     *
     * @param mayChange the slices to compare endpoint by endpoint (the others are unchanged)
     * @param take      the desired endpoint of a pod uid found in a slice, taken out of those left
     *                  to place (null: no longer desired)
     * @param remaining the desired endpoints no slice holds, read after every slice was compared
     */
    private void packPorts(List<EndpointSlice.Port> ports, List<EndpointSlice> slices,
                           Predicate<EndpointSlice> mayChange, Function<String, EndpointSlice.Endpoint> take,
                           Collection<EndpointSlice.Endpoint> remaining,
                           List<Draft> create, List<Draft> update, List<EndpointSlice> delete) {
        List<Draft> updating = new ArrayList<>();
        List<EndpointSlice> unchanged = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            if (!mayChange.test(slice)) {
                unchanged.add(slice);
                continue;
            }
            List<EndpointSlice.Endpoint> kept = new ArrayList<>();
            boolean changed = false;
            for (EndpointSlice.Endpoint have : slice.endpoints()) {
                EndpointSlice.Endpoint want = take.apply(have.podUid());
                if (want != null) {
                    kept.add(want);
                    changed |= !want.equals(have);
                }
            }
            if (changed || kept.size() != slice.endpoints().size()) {
                if (kept.isEmpty()) {
                    delete.add(slice);
                } else {
                    updating.add(new Draft(slice, slice.ports(), kept));
                }
            } else {
                unchanged.add(slice);
            }
        }
        ArrayDeque<EndpointSlice.Endpoint> toPlace = new ArrayDeque<>(remaining);
        if (!toPlace.isEmpty() && !updating.isEmpty()) {
            List<Draft> fullestFirst = new ArrayList<>(updating);
            fullestFirst.sort(Comparator.comparingInt((Draft d) -> d.endpoints().size()).reversed());
            for (Draft d : fullestFirst) {
                fill(d, toPlace);
            }
        }
        while (!toPlace.isEmpty()) {
            Draft target = null;
            if (toPlace.size() < maxEndpointsPerSlice) {
                EndpointSlice closest = closestFit(unchanged, toPlace.size());
                if (closest != null) {
                    unchanged.remove(closest);
                    target = new Draft(closest, closest.ports(), new ArrayList<>(closest.endpoints()));
                    updating.add(target);
                }
            }
            if (target == null) {
                target = new Draft(null, ports, new ArrayList<>());
                create.add(target);
            }
            fill(target, toPlace);
        }
        update.addAll(updating);
    }

    /** Moves endpoints, in order, into the draft until it is full or none remain. */
    private void fill(Draft d, ArrayDeque<EndpointSlice.Endpoint> toPlace) {
        while (!toPlace.isEmpty() && d.endpoints().size() < maxEndpointsPerSlice) {
            d.endpoints().add(toPlace.poll());
        }
    }

    /** The untouched slice that {@code count} more endpoints fill most closely without overflowing (getSliceToFill). */
    private EndpointSlice closestFit(List<EndpointSlice> candidates, int count) {
        int closestRoomLeft = maxEndpointsPerSlice;
        EndpointSlice closest = null;
        for (EndpointSlice s : candidates) {
            int roomLeft = maxEndpointsPerSlice - (count + s.endpoints().size());
            if (roomLeft >= 0 && roomLeft < closestRoomLeft) {
                closestRoomLeft = roomLeft;
                closest = s;
                if (roomLeft == 0) {
                    break;
                }
            }
        }
        return closest;
    }

    private static boolean isPlaceholder(EndpointSlice s) {
        return s.ports().isEmpty() && s.endpoints().isEmpty();
    }
}
