package io.kubesim.metrics;

import java.util.Map;

/**
 * One decision a component made, with the facts it was made on: the record behind
 * {@code kubesim explain}. Events say what happened in upstream's words; a decision says why
 * (the deployment controller scaled a ReplicaSet to 5 because maxSurge 1 allows 5 pods; the
 * kubelet sent SIGTERM with no preStop hook while 2 proxies still routed to the pod).
 *
 * @param time    virtual microseconds
 * @param source  the component that decided (deployment-controller, kubelet, kube-proxy, traffic ...)
 * @param kind    what kind of decision, stable for tools (e.g. {@code RolloutStep}, {@code Terminating})
 * @param object  {@code Kind/namespace/name} of the object decided about
 * @param message one sentence for people
 * @param facts   the numbers and names the decision used, insertion-ordered; values are strings,
 *                numbers, booleans, lists or maps of those
 */
public record Decision(long time, String source, String kind, String object, String message,
                       Map<String, Object> facts) {
}
