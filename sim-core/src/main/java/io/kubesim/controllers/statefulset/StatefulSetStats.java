package io.kubesim.controllers.statefulset;

/**
 * What a run reports about one StatefulSet, for the summary's {@code workloads} section.
 *
 * @param kind                   always {@code StatefulSet}
 * @param displayName            the name used in outputs ({@code ns/name} when several namespaces are used)
 * @param desired                {@code spec.replicas} at the end
 * @param ready                  {@code status.readyReplicas} at the end
 * @param available              {@code status.availableReplicas} at the end
 * @param currentRevision        {@code status.currentRevision}
 * @param updateRevision         {@code status.updateRevision}
 * @param fewestAvailableAfterFull the fewest available replicas seen after all desired replicas were
 *                               first available; -1 when they never were
 * @param rollouts               each template change after the first sync, in start order
 */
public record StatefulSetStats(String kind, String displayName, int desired, int ready, int available,
                               String currentRevision, String updateRevision, int fewestAvailableAfterFull,
                               java.util.List<Rollout> rollouts) {
    /**
     * One update: from the sync that saw a new update revision to the sync at which the current
     * revision became it (every pod updated and Ready); {@code end} -1 while that has not happened
     * (an update held by a partition, OnDelete, or one replaced by a newer template).
     */
    public record Rollout(long start, long end) {
    }

    public StatefulSetStats {
        rollouts = java.util.List.copyOf(rollouts);
    }
}
