package io.kubesim.controllers.daemonset;

import java.util.List;

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
 * @param rollouts             each template change, in start order
 */
public record DaemonSetStats(String kind, String displayName, int desired, int current, int ready, int available,
                             int updated, int misscheduled, int minAvailableObserved, List<Rollout> rollouts) {
    /**
     * A rollout: from the sync that first saw a new template to the first status with every desired
     * node running an available pod of it ({@code end} -1: not yet).
     */
    public record Rollout(long start, long end) {
    }

    public DaemonSetStats {
        rollouts = List.copyOf(rollouts);
    }
}
