package io.kubesim.controllers;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.engine.DurationDistribution;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for the controllers that set pod readiness gates (k8s-semantics.md 16.6), such as the
 * AWS Load Balancer Controller ({@code target-health.elbv2.k8s.aws/...}) or GKE's NEG controller
 * ({@code cloud.google.com/load-balancer-neg-ready}): for each gate type the scenario declares,
 * a pod whose containers are ready gets that condition set to True after the gate's delay (the
 * load balancer registering the target and seeing it healthy). Once True it stays True, as those
 * controllers leave it. Gates nobody declares are never set, so their pods never become Ready.
 */
public final class ReadinessGateController {
    /**
     * One declared gate.
     *
     * @param conditionType the gate's {@code conditionType}
     * @param delay         from the pod's ContainersReady until the condition is set
     */
    public record Gate(String conditionType, DurationDistribution delay) {
    }

    private final ClusterStore store;
    private final Map<String, Gate> gates = new LinkedHashMap<>();
    /** Pod UID and gate type of the conditions already due; lookup only, never iterated. */
    private final Set<String> due = new HashSet<>();

    public ReadinessGateController(ClusterStore store, List<Gate> declared) {
        this.store = store;
        for (Gate g : declared) {
            gates.put(g.conditionType(), g);
        }
    }

    public void start() {
        store.pods().watch(this::onPod);
    }

    private void onPod(WatchEventType type, Pod pod) {
        String uid = pod.metadata().uid();
        if (type == WatchEventType.DELETED) {
            for (String t : pod.spec().readinessGates()) {
                due.remove(uid + "/" + t);
            }
            return;
        }
        if (pod.spec().readinessGates().isEmpty() || !pod.containersReadyCondition().isTrue()
                || pod.metadata().isDeleting()) {
            return;
        }
        for (String t : pod.spec().readinessGates()) {
            Gate g = gates.get(t);
            Condition c = pod.condition(t);
            if (g == null || c != null && c.isTrue() || !due.add(uid + "/" + t)) {
                continue;
            }
            long delay = g.delay().sample(store.sim().random().stream("readiness-gates/" + t));
            store.sim().schedule(delay, () -> {
                if (store.pods().contains(pod) && !pod.metadata().isDeleting()) {
                    pod.setCondition(t, ConditionStatus.TRUE, store.now());
                    store.pods().update(pod);
                }
            });
        }
    }
}
