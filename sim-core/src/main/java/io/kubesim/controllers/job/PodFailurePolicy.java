package io.kubesim.controllers.job;

import io.kubesim.api.PodFailureRule;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.ContainerStatus;
import io.kubesim.cluster.Pod;
import java.util.List;

/**
 * Matches a failed pod against a Job's {@code podFailurePolicy} (k8s-semantics.md 13.5): the
 * rules in order, the first that matches decides; none matching means Count. {@code onExitCodes}
 * looks at the containers that terminated with a non-zero code (only the named one when
 * {@code containerName} is set); {@code onPodConditions} at the pod's conditions (kubesim's pods
 * carry {@code DisruptionTarget} when preempted, evicted or deleted by taint eviction).
 */
final class PodFailurePolicy {
    /** The decision for one failed pod: the action, and for FailJob the Job's Failed message. */
    record Match(String action, String message) {
        static final Match COUNT = new Match("Count", "");
    }

    private PodFailurePolicy() {
    }

    static Match match(List<PodFailureRule> rules, Pod pod) {
        for (int i = 0; i < rules.size(); i++) {
            PodFailureRule r = rules.get(i);
            if (r.onExitCodes()) {
                for (ContainerStatus c : pod.containerStatuses()) {
                    if (!r.containerName().isEmpty() && !r.containerName().equals(c.name())) {
                        continue;
                    }
                    int code = c.lastExitCode();
                    if (c.state() != ContainerStatus.State.TERMINATED || code == 0) {
                        continue;
                    }
                    boolean in = r.exitCodes().contains(code);
                    if (r.operator().equals("In") == in) {
                        return new Match(r.action(), "Container " + c.name() + " for pod " + pod.namespace() + "/"
                                + pod.name() + " failed with exit code " + code + " matching " + r.action()
                                + " rule at index " + i);
                    }
                }
            } else {
                for (var e : r.podConditions().entrySet()) {
                    Condition c = e.getKey().equals("DisruptionTarget") ? pod.disruptionTarget() : pod.condition(e.getKey());
                    if (c != null && c.status().wireName().equals(e.getValue())) {
                        return new Match(r.action(), "Pod " + pod.namespace() + "/" + pod.name() + " has condition "
                                + e.getKey() + " matching " + r.action() + " rule at index " + i);
                    }
                }
            }
        }
        return Match.COUNT;
    }
}
