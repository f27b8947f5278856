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
 */
public record StatefulSetStats(String kind, String displayName, int desired, int ready, int available,
                               String currentRevision, String updateRevision, int fewestAvailableAfterFull) {
}
