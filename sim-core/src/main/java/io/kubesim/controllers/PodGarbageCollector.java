package io.kubesim.controllers;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes pods whose node no longer exists (podgc/gc_controller.go gcOrphaned). Every 20 s
 * ({@code gcCheckPeriod}) it notes the missing nodes that pods are bound to; a node still missing
 * 40 s ({@code quarantineTime}) after it was first noted has its pods marked Failed, given a
 * DisruptionTarget condition {@code DeletionByPodGC}, and force-deleted.
 */
public final class PodGarbageCollector {
    public static final long GC_CHECK_PERIOD = SimTime.seconds(20);
    public static final long QUARANTINE_TIME = SimTime.seconds(40);

    private final ClusterStore store;
    private final Map<String, Long> missingSince = new HashMap<>();

    public PodGarbageCollector(ClusterStore store) {
        this.store = store;
    }

    public void start() {
        store.sim().schedule(GC_CHECK_PERIOD, this::gc);
    }

    private void gc() {
        long now = store.now();
        List<Pod> orphans = new ArrayList<>();
        for (String node : store.podsByNode().keysWhere(n -> store.nodes().get(n) == null)) {
            long since = missingSince.computeIfAbsent(node, n -> now);
            if (now - since >= QUARANTINE_TIME) {
                orphans.addAll(store.podsByNode().get(node));
            }
        }
        missingSince.keySet().removeIf(n -> store.nodes().get(n) != null);
        for (Pod p : orphans) {
            if (!p.isTerminal()) {
                p.setPhase(PodPhase.FAILED);
                p.setDisruptionTarget("DeletionByPodGC", "PodGC: node no longer exists", now);
            }
            store.pods().remove(p);
        }
        store.sim().schedule(GC_CHECK_PERIOD, this::gc);
    }
}
