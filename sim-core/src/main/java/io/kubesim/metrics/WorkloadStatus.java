package io.kubesim.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workload as summary.json's {@code workloads} section reports it, whatever its kind: what it
 * asks for, what it has at the end, the fewest available pods seen once it had first been fully
 * available, and its rollouts. Kinds with more to say (a Job's completions) put it in
 * {@code extra}, in the order it should print.
 *
 * @param kind         the Kubernetes kind, e.g. {@code ReplicaSet}
 * @param name         the display name ({@code name}, or {@code ns/name} when several namespaces are used)
 * @param desired      {@code spec.replicas} (or the kind's equivalent) at the end
 * @param ready        Ready pods at the end
 * @param available    available pods at the end (k8s-semantics.md 2.4)
 * @param minAvailable the fewest available pods after the first full availability; -1 if never fully available
 * @param rollouts     each rollout's start and end (end -1: still in progress), in start order
 * @param extra        kind-specific figures: numbers, strings, or lists of them (seconds as doubles)
 * @param belowDesired microseconds with fewer available pods than desired after the first full
 *                     availability ({@link BelowDesiredClock}); -1 if never fully available or not
 *                     tracked for the kind (Jobs, CronJobs)
 */
public record WorkloadStatus(String kind, String name, int desired, int ready, int available, int minAvailable,
                             List<Rollout> rollouts, Map<String, Object> extra, long belowDesired) {
    /** A rollout: from the template change to the workload being complete again (end -1: not yet). */
    public record Rollout(long start, long end) {
    }

    public WorkloadStatus {
        rollouts = List.copyOf(rollouts);
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A workload whose time below desired is not tracked. */
    public WorkloadStatus(String kind, String name, int desired, int ready, int available, int minAvailable,
                          List<Rollout> rollouts, Map<String, Object> extra) {
        this(kind, name, desired, ready, available, minAvailable, rollouts, extra, -1);
    }

    /** A workload without rollouts or extra figures. */
    public WorkloadStatus(String kind, String name, int desired, int ready, int available, int minAvailable) {
        this(kind, name, desired, ready, available, minAvailable, List.of(), Map.of());
    }

    /** {@code kind/name}: the key in summary.json. */
    public String key() {
        return kind + "/" + name;
    }
}
