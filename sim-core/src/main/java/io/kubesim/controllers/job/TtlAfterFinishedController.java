package io.kubesim.controllers.job;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Job;
import io.kubesim.cluster.WatchEventType;
import java.util.HashSet;
import java.util.Set;

/**
 * The TTL-after-finished controller (k8s-semantics.md 13.6): a Job with
 * {@code ttlSecondsAfterFinished} is deleted at the time its Complete or Failed condition turned
 * True plus the TTL; the Job controller's garbage collection then deletes its pods.
 */
public final class TtlAfterFinishedController {
    private final ClusterStore store;
    /** Uids of Jobs whose deletion is scheduled; lookup only. */
    private final Set<String> scheduled = new HashSet<>();

    public TtlAfterFinishedController(ClusterStore store) {
        this.store = store;
    }

    public void start() {
        store.jobs().watch((type, job) -> {
            if (type == WatchEventType.DELETED || job.spec().ttlSecondsAfterFinished() == null || !job.isFinished()
                    || !scheduled.add(job.metadata().uid())) {
                return;
            }
            long at = job.finishedAt() + JobController.saturatedMicros(job.spec().ttlSecondsAfterFinished());
            store.sim().scheduleAt(Math.max(at, store.now()), () -> expire(job));
        });
    }

    private void expire(Job job) {
        if (store.jobs().contains(job)) {
            store.jobs().remove(job);
        }
    }
}
