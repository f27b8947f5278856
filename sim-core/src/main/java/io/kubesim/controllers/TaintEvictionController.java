package io.kubesim.controllers;

import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.engine.ScheduledEvent;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The taint-eviction controller, formerly NoExecuteTaintManager (k8s-semantics.md 7,
 * pkg/controller/tainteviction/taint_eviction.go). When a node's NoExecute taints change, each of
 * its pods is handled by the first rule that applies: a pod that does not tolerate them all is
 * deleted at once; one that tolerates them with finite tolerationSeconds is deleted
 * {@code min(tolerationSeconds)} later (the timer is cancelled if the taints go); one that
 * tolerates them forever stays. A deletion carries a DisruptionTarget condition
 * {@code DeletionByTaintManager} and a {@code TaintManagerEviction} event.
 */
public final class TaintEvictionController {
    public static final String SOURCE = "taint-eviction-controller";
    /** Counter: pods the controller deleted. */
    public static final String EVICTIONS = "pods_evicted_taint_manager";

    private record Work(long createdAt, long fireAt, ScheduledEvent event) {
    }

    private final ClusterStore store;
    private final EventRecorder events;
    private final Counters counters;
    private final Map<String, List<Taint>> nodeTaints = new LinkedHashMap<>();
    private final Map<String, Work> work = new LinkedHashMap<>();
    private final DecisionRecorder decisions;

    public TaintEvictionController(ClusterStore store, EventRecorder events, Counters counters) {
        this(store, events, counters, DecisionRecorder.disabled());
    }

    /** {@code decisions}: where each scheduled deletion is recorded (TaintEvictionScheduled) for explain. */
    public TaintEvictionController(ClusterStore store, EventRecorder events, Counters counters,
                                   DecisionRecorder decisions) {
        this.store = store;
        this.events = events;
        this.counters = counters;
        this.decisions = decisions;
    }

    public void start() {
        store.nodes().watch(this::onNode);
        store.pods().watch(this::onPod);
    }

    private void onNode(WatchEventType type, Node node) {
        List<Taint> taints = type == WatchEventType.DELETED ? List.of() : noExecute(node);
        List<Taint> old = nodeTaints.getOrDefault(node.name(), List.of());
        if (old.equals(taints)) {
            return;
        }
        if (taints.isEmpty()) {
            nodeTaints.remove(node.name());
        } else {
            nodeTaints.put(node.name(), taints);
        }
        for (Pod pod : new ArrayList<>(store.podsByNode().get(node.name()))) {
            if (taints.isEmpty()) {
                cancel(pod, true);
            } else {
                process(pod, taints);
            }
        }
    }

    private void onPod(WatchEventType type, Pod pod) {
        if (type == WatchEventType.DELETED) {
            cancel(pod, true);
            return;
        }
        if (!pod.isBound() || work.containsKey(pod.metadata().uid())) {
            return;
        }
        List<Taint> taints = nodeTaints.get(pod.nodeName());
        if (taints != null) {
            process(pod, taints);
        }
    }

    /** processPodOnNode. */
    private void process(Pod pod, List<Taint> taints) {
        if (pod.isTerminal() || pod.metadata().isDeleting() || !store.pods().contains(pod)) {
            return;
        }
        long now = store.now();
        List<Toleration> used = matchingTolerations(taints, pod.spec().tolerations());
        if (used == null) {
            record(pod, taints, -1, now);
            schedule(pod, now, now);
            return;
        }
        long min = minTolerationTime(used);
        if (min < 0) {
            cancel(pod, true);
            return;
        }
        long start = now;
        long trigger = now + min;
        Work existing = work.get(pod.metadata().uid());
        if (existing != null) {
            start = existing.createdAt();
            if (start + min < trigger) {
                return;
            }
            cancel(pod, true);
        }
        record(pod, taints, min, trigger);
        schedule(pod, start, trigger);
    }

    /**
     * TaintEvictionScheduled: when the pod will be deleted and why, so that a node failure's
     * explanation can say when its pods' replacements will come. {@code tolerated}: the least
     * tolerationSeconds of the tolerations used, in microseconds; -1 when a taint is not tolerated.
     */
    private void record(Pod pod, List<Taint> taints, long tolerated, long evictAt) {
        if (!decisions.enabled()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (Taint t : taints) {
            names.add(t.key() + ":" + t.effect().wireName());
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("node", pod.nodeName());
        facts.put("taints", names);
        facts.put("tolerationSeconds", tolerated < 0 ? null : SimTime.toSeconds(tolerated));
        facts.put("evictAt", SimTime.toSeconds(evictAt));
        decisions.record(new Decision(store.now(), SOURCE, "TaintEvictionScheduled", "Pod/" + pod.metadata().key(),
                tolerated < 0
                        ? "delete the pod now: it does not tolerate " + String.join(", ", names)
                        : "delete the pod at " + SimTime.toSeconds(evictAt) + " s: it tolerates "
                                + String.join(", ", names) + " for tolerationSeconds " + SimTime.toSeconds(tolerated),
                facts));
    }

    private void schedule(Pod pod, long createdAt, long fireAt) {
        String uid = pod.metadata().uid();
        ScheduledEvent e = store.sim().scheduleAt(Math.max(fireAt, store.now()), () -> evict(pod));
        work.put(uid, new Work(createdAt, fireAt, e));
    }

    private void evict(Pod pod) {
        work.remove(pod.metadata().uid());
        if (!store.pods().contains(pod) || pod.metadata().isDeleting() || pod.isTerminal()) {
            return;
        }
        long now = store.now();
        events.normal(SOURCE, pod, "TaintManagerEviction",
                "Marking for deletion Pod " + pod.namespace() + "/" + pod.name());
        pod.setDisruptionTarget("DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint", now);
        counters.increment(EVICTIONS);
        store.deletePod(pod, null);
    }

    private void cancel(Pod pod, boolean withEvent) {
        Work w = work.remove(pod.metadata().uid());
        if (w != null) {
            w.event().cancel();
            if (withEvent && store.pods().contains(pod)) {
                events.normal(SOURCE, pod, "TaintManagerEviction",
                        "Cancelling deletion of Pod " + pod.namespace() + "/" + pod.name());
            }
        }
    }

    /** The node's NoExecute taints, in the node's order. */
    static List<Taint> noExecute(Node node) {
        List<Taint> out = new ArrayList<>();
        for (Taint t : node.taints()) {
            if (t.effect() == TaintEffect.NO_EXECUTE) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /**
     * GetMatchingTolerations: for each taint the first toleration that tolerates it; null when
     * some taint is not tolerated.
     */
    static List<Toleration> matchingTolerations(List<Taint> taints, List<Toleration> tolerations) {
        List<Toleration> used = new ArrayList<>();
        for (Taint t : taints) {
            Toleration match = null;
            for (Toleration tol : tolerations) {
                if (tol.tolerates(t)) {
                    match = tol;
                    break;
                }
            }
            if (match == null) {
                return null;
            }
            used.add(match);
        }
        return used;
    }

    /**
     * getMinTolerationTime: the least tolerationSeconds among the tolerations that set one (0 or
     * less: at once); -1 when none sets one (tolerated forever).
     */
    static long minTolerationTime(List<Toleration> used) {
        if (used.isEmpty()) {
            return 0;
        }
        long min = Long.MAX_VALUE;
        for (Toleration t : used) {
            Long s = t.tolerationSeconds();
            if (s != null) {
                if (s <= 0) {
                    return 0;
                }
                min = Math.min(min, s);
            }
        }
        return min == Long.MAX_VALUE ? -1 : SimTime.seconds(min);
    }
}
