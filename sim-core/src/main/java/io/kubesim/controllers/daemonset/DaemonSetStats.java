package io.kubesim.controllers.daemonset;

/**
 * What a run reports for one DaemonSet (its status at the end, k8s-semantics.md 12.5), for the
 * summary's {@code workloads} section.
 *
 * @param kind                 always {@code DaemonSet}
 * @param displayName          {@code name}, or {@code ns/name} when several namespaces are used
 * @param desired              desiredNumberScheduled: nodes that should run the pod
 * @param current              currentNumberScheduled: of those, nodes that have one
 * @param ready                numberReady
 * @param available            numberAvailable (ready for minReadySeconds)
 * @param updated              updatedNumberScheduled: nodes whose pod has the current revision
 * @param misscheduled         numberMisscheduled: pods on nodes that should not run them
 * @param minAvailableObserved the fewest available pods seen after every desired node first had
 *                             an available one; -1 when that never happened
 */
public record DaemonSetStats(String kind, String displayName, int desired, int current, int ready, int available,
                             int updated, int misscheduled, int minAvailableObserved) {
}
