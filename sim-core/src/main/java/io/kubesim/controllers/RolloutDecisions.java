package io.kubesim.controllers;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Deployment controller's decisions, for {@code kubesim explain --rollout}: a
 * {@value #STEP} each time it changes a ReplicaSet's size, with the arithmetic that allowed it
 * (k8s-semantics.md 2.2, 2.3, 2.6, 2.7), and a {@value #WAITING} when a sync of a rollout in
 * progress changes nothing, saying which bound holds it (once per distinct state, not every sync),
 * and a {@value #COMPLETE} when the rollout is complete.
 *
 * <p>Worked example (10 replicas, 25%/25%: at most 13 pods, at least 8 available): the rollout's
 * first sync records step 1 "scale up new ReplicaSet from 0 to 3: maxSurge 25% (3) allows 13 pods
 * (10 replicas + 3), 10 exist"; the next, step 2 "scale down old ReplicaSet from 10 to 8:
 * maxUnavailable 25% (2) keeps 8 available (10 - 2); 10 available and 0 unhealthy old pods, so 2
 * may go"; then step 3 grows the new ReplicaSet to 5, and a wait says that 13 pods leave the new
 * ReplicaSet no room and 13 - 8 - 5 new pods not yet available leave the old ones none.
 *
 * <p>Every record carries the pods of the new ReplicaSet that became available since the previous
 * record ({@code becameAvailable}: what made the next step possible). Callers check
 * {@link #enabled()} before building facts, so a run without {@code --decisions} pays nothing.
 */
final class RolloutDecisions {
    static final String STEP = "RolloutStep";
    static final String WAITING = "RolloutWaiting";
    static final String COMPLETE = "RolloutComplete";

    private final ClusterStore store;
    private final DecisionRecorder recorder;
    /** By Deployment key; only lookups, never iterated into an output. */
    private final Map<String, Progress> progress = new HashMap<>();

    /**
     * One Deployment's rollout: its new ReplicaSet, steps so far, the last wait said, and up to
     * when its pods' availability was reported (pods that became available at exactly that time
     * and were reported are remembered by name).
     */
    private static final class Progress {
        String newReplicaSet;
        int steps;
        String lastWait;
        long reportedUntil = Long.MIN_VALUE;
        final Set<String> reportedAtUntil = new HashSet<>();
    }

    RolloutDecisions(ClusterStore store, DecisionRecorder recorder) {
        this.store = store;
        this.recorder = recorder;
    }

    /** Records nothing. */
    static RolloutDecisions disabled() {
        return new RolloutDecisions(null, DecisionRecorder.disabled());
    }

    boolean enabled() {
        return recorder.enabled();
    }

    /**
     * The state a decision is made on, before it changes anything: the Deployment's bounds
     * (2.2) and the pods its ReplicaSets have. Keys: strategy, replicas, maxSurge, maxSurgeSpec,
     * maxUnavailable, maxUnavailableSpec, maxTotalPods, minAvailable, currentPods (Σ spec),
     * availablePods (Σ available), newReplicaSet, newReplicas, newAvailable, oldPods, oldAvailable.
     */
    static Map<String, Object> state(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
        Map<String, Object> f = new LinkedHashMap<>();
        int surge = Fenceposts.maxSurge(d);
        int unavailable = Fenceposts.maxUnavailable(d);
        f.put("strategy", d.strategy().typeName());
        f.put("replicas", d.replicas());
        f.put("maxSurge", surge);
        if (d.strategy().maxSurge() != null) {
            f.put("maxSurgeSpec", d.strategy().maxSurge().toString());
        }
        f.put("maxUnavailable", unavailable);
        if (d.strategy().maxUnavailable() != null) {
            f.put("maxUnavailableSpec", d.strategy().maxUnavailable().toString());
        }
        f.put("maxTotalPods", d.replicas() + surge);
        f.put("minAvailable", Fenceposts.minAvailable(d));
        int pods = 0;
        int available = 0;
        int oldPods = 0;
        int oldAvailable = 0;
        for (ReplicaSet rs : all) {
            if (rs == null) {
                continue;
            }
            pods += rs.replicas();
            available += rs.availableReplicas();
            if (rs != newRs) {
                oldPods += rs.replicas();
                oldAvailable += rs.availableReplicas();
            }
        }
        f.put("currentPods", pods);
        f.put("availablePods", available);
        if (newRs != null) {
            f.put("newReplicaSet", newRs.name());
            f.put("newReplicas", newRs.replicas());
            f.put("newAvailable", newRs.availableReplicas());
        }
        f.put("oldPods", oldPods);
        f.put("oldAvailable", oldAvailable);
        return f;
    }

    /**
     * Records that {@code rs} went from {@code from} to {@code to} replicas under {@code rule}
     * ({@code maxSurge}, {@code maxUnavailable}, {@code unhealthy}, {@code aboveReplicas},
     * {@code recreate}, {@code onlyActive}, {@code saturated}, {@code proportional}), with
     * {@code why} in plain words after the action.
     */
    void step(Deployment d, ReplicaSet newRs, ReplicaSet rs, int from, int to, String rule, String why,
              Map<String, Object> state) {
        Progress p = progressOf(d, newRs);
        p.steps++;
        p.lastWait = null;
        String role = rs == newRs ? "new" : "old";
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("step", p.steps);
        f.put("replicaSet", rs.name());
        f.put("role", role);
        f.put("from", from);
        f.put("to", to);
        f.put("rule", rule);
        f.putAll(state);
        addBecameAvailable(f, p, newRs);
        String which = rule.equals("onlyActive") ? "" : role + " ";
        String message = "scale " + (to > from ? "up" : "down") + " " + which + "ReplicaSet " + rs.name()
                + " from " + from + " to " + to + ": " + why;
        recorder.record(new Decision(store.now(), DeploymentController.SOURCE, STEP, objectOf(d), message, f));
    }

    /**
     * Records why a rollout in progress made no step, unless the same {@code state} was already
     * said since the last step.
     */
    void waiting(Deployment d, ReplicaSet newRs, String stateKey, String why, Map<String, Object> state) {
        Progress p = progressOf(d, newRs);
        if (stateKey.equals(p.lastWait)) {
            return;
        }
        p.lastWait = stateKey;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("afterStep", p.steps);
        f.putAll(state);
        addBecameAvailable(f, p, newRs);
        recorder.record(new Decision(store.now(), DeploymentController.SOURCE, WAITING, objectOf(d),
                "wait: " + why, f));
    }

    /**
     * The rollout is complete (2.5): records a {@value #COMPLETE} (with the pods that became
     * available last) when a step or a wait was recorded since the previous completion; the next
     * change of the Deployment counts its steps from 1 again.
     */
    void complete(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
        Progress p = progress.get(d.metadata().key());
        if (p == null || p.steps == 0 && p.lastWait == null) {
            return;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("steps", p.steps);
        f.putAll(state(d, all, newRs));
        addBecameAvailable(f, p, newRs);
        p.steps = 0;
        p.lastWait = null;
        recorder.record(new Decision(store.now(), DeploymentController.SOURCE, COMPLETE, objectOf(d),
                "complete: all " + d.replicas() + " replicas are in ReplicaSet " + (newRs == null ? "-" : newRs.name())
                        + " and available", f));
    }

    private Progress progressOf(Deployment d, ReplicaSet newRs) {
        Progress p = progress.computeIfAbsent(d.metadata().key(), k -> new Progress());
        String name = newRs == null ? null : newRs.name();
        // A Recreate creates its new ReplicaSet only after the old pods are gone: from none to one is the same rollout.
        if (p.newReplicaSet != null && !p.newReplicaSet.equals(name)) {
            p.steps = 0;
            p.lastWait = null;
        }
        p.newReplicaSet = name;
        return p;
    }

    /**
     * {@code becameAvailable}: the new ReplicaSet's pods that became available since the previous
     * report, by time.
     */
    private void addBecameAvailable(Map<String, Object> f, Progress p, ReplicaSet newRs) {
        if (newRs == null) {
            return;
        }
        long now = store.now();
        List<Pod> fresh = new ArrayList<>();
        for (Pod pod : store.podsByOwner().get(newRs.metadata().uid())) {
            if (!pod.isActive() || !pod.isAvailable(newRs.minReadySeconds(), now)) {
                continue;
            }
            long since = availableSince(pod, newRs);
            if (since > p.reportedUntil || since == p.reportedUntil && !p.reportedAtUntil.contains(pod.name())) {
                fresh.add(pod);
            }
        }
        if (p.reportedUntil != now) {
            p.reportedAtUntil.clear();
        }
        p.reportedUntil = now;
        if (fresh.isEmpty()) {
            return;
        }
        fresh.sort(Comparator.comparingLong((Pod pod) -> availableSince(pod, newRs)).thenComparing(Pod::name));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Pod pod : fresh) {
            if (availableSince(pod, newRs) == now) {
                p.reportedAtUntil.add(pod.name());
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("pod", pod.name());
            e.put("at", SimTime.toSeconds(availableSince(pod, newRs)));
            list.add(e);
        }
        f.put("becameAvailable", list);
    }

    /** When the pod became available (2.4): Ready since, plus minReadySeconds. */
    private static long availableSince(Pod pod, ReplicaSet rs) {
        return pod.readyCondition().lastTransitionTime() + SimTime.seconds(rs.minReadySeconds());
    }

    private static String objectOf(Deployment d) {
        return Deployment.KIND + "/" + d.metadata().namespace() + "/" + d.name();
    }

    /** {@code maxSurge 25% (3)}, or {@code maxSurge 1} when given as a number. */
    static String bound(String name, Object spec, int resolved) {
        if (spec == null || spec.toString().equals(Integer.toString(resolved))) {
            return name + " " + resolved;
        }
        return name + " " + spec + " (" + resolved + ")";
    }
}
