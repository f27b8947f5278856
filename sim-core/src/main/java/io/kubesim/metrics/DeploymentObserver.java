package io.kubesim.metrics;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodCounts;
import io.kubesim.cluster.ReplicaSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Watches every Deployment and its pods and keeps what summary.json reports about it: the fewest
 * available pods seen once it had first become fully available, the most pods it had at once,
 * and the span of each rollout.
 *
 * <p>Counts are taken from the pods at every change, not from the controller's status, so they
 * show what really ran. "Pods" are active pods (not terminal, not being deleted), the count
 * maxSurge bounds; terminating pods are counted separately. "Available" follows
 * k8s-semantics.md 2.4 (Ready for longer than minReadySeconds).
 */
public final class DeploymentObserver {
    /** A rollout: a template change and the time the Deployment was complete again (-1: never). */
    public record Rollout(long start, long end, boolean timedOut) {
    }

    /** What is known about one Deployment. */
    public static final class Stats {
        private final Deployment deployment;
        private final String displayName;
        private int minAvailable = Integer.MAX_VALUE;
        private int maxPods;
        private int maxPodsWithTerminating;
        private long firstComplete = -1;
        private final List<Rollout> rollouts = new ArrayList<>();
        private long rolloutStart = -1;
        private boolean rolloutTimedOut;
        private int pods;
        private int available;
        private int ready;
        private int terminating;
        private final BelowDesiredClock belowDesired = new BelowDesiredClock();

        Stats(Deployment d, String displayName) {
            this.deployment = d;
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }

        public Deployment deployment() {
            return deployment;
        }

        /** The fewest available pods seen after the first full availability (-1 if never fully available). */
        public int minAvailableObserved() {
            return minAvailable == Integer.MAX_VALUE ? -1 : minAvailable;
        }

        public int maxPodsObserved() {
            return maxPods;
        }

        public int maxPodsIncludingTerminating() {
            return maxPodsWithTerminating;
        }

        /** When the Deployment first had all its replicas updated and available; -1 if never. */
        public long firstComplete() {
            return firstComplete;
        }

        /** Finished rollouts, then the one in progress (end -1) if any. */
        public List<Rollout> rollouts() {
            List<Rollout> all = new ArrayList<>(rollouts);
            if (rolloutStart >= 0) {
                all.add(new Rollout(rolloutStart, -1, rolloutTimedOut));
            }
            return Collections.unmodifiableList(all);
        }

        public int pods() {
            return pods;
        }

        public int available() {
            return available;
        }

        public int ready() {
            return ready;
        }

        public int terminating() {
            return terminating;
        }

        /**
         * Microseconds with fewer available pods than {@code spec.replicas} after the first full
         * availability, up to {@code now}; -1 if never fully available.
         */
        public long belowDesiredMicros(long now) {
            return belowDesired.micros(now);
        }
    }

    private final ClusterStore store;
    private final Function<Deployment, String> naming;
    private final Map<String, Stats> byUid = new LinkedHashMap<>();
    private final DeploymentPodCounts counts;
    /** Tests: each observation also walks the Deployment's pods and checks the kept counts equal that. */
    private boolean verifyCounts;

    /** @param naming how a Deployment is named in outputs ({@code name} or {@code ns/name}) */
    public DeploymentObserver(ClusterStore store, Function<Deployment, String> naming) {
        this.store = store;
        this.naming = naming;
        this.counts = new DeploymentPodCounts(store);
    }

    /**
     * Tests: each observation also counts the Deployment's pods one by one and fails
     * (IllegalStateException) unless the counts kept from the writes equal those.
     */
    public void verifyCounts(boolean on) {
        this.verifyCounts = on;
    }

    public void start() {
        counts.start();
        store.deployments().watch((type, d) -> observe(d));
        store.pods().watch((type, p) -> {
            Deployment d = deploymentOf(p);
            if (d != null) {
                observe(d);
            }
        });
    }

    /** The timeline changed the template at {@code now}: a rollout begins. */
    public void rolloutStarted(Deployment d, long now) {
        Stats s = stats(d);
        if (s.rolloutStart >= 0) {
            s.rollouts.add(new Rollout(s.rolloutStart, -1, s.rolloutTimedOut));
        }
        s.rolloutStart = now;
        s.rolloutTimedOut = false;
    }

    /** Stats for every Deployment seen, in creation order. */
    public List<Stats> all() {
        return List.copyOf(byUid.values());
    }

    public Stats of(Deployment d) {
        return byUid.get(d.metadata().uid());
    }

    private Stats stats(Deployment d) {
        return byUid.computeIfAbsent(d.metadata().uid(), k -> new Stats(d, naming.apply(d)));
    }

    private void observe(Deployment d) {
        if (!store.deployments().contains(d)) {
            return;
        }
        Stats s = stats(d);
        long now = store.now();
        PodCounts.Counts c = counts.of(d, now);
        int pods = c.active();
        int ready = c.ready();
        int available = c.available();
        int terminating = c.terminating();
        if (verifyCounts) {
            verify(d, now, c);
        }
        s.pods = pods;
        s.ready = ready;
        s.available = available;
        s.terminating = terminating;
        s.maxPods = Math.max(s.maxPods, pods);
        s.maxPodsWithTerminating = Math.max(s.maxPodsWithTerminating, pods + terminating);
        boolean complete = d.observedGeneration() >= d.metadata().generation()
                && d.updatedReplicas() == d.replicas() && d.statusReplicas() == d.replicas()
                && d.availableReplicas() == d.replicas();
        if (s.firstComplete < 0 && complete && available >= d.replicas()) {
            s.firstComplete = now;
        }
        if (s.firstComplete >= 0) {
            s.minAvailable = Math.min(s.minAvailable, available);
            s.belowDesired.update(now, available, d.replicas());
        }
        Condition progressing = d.progressingCondition();
        if (s.rolloutStart >= 0) {
            if (progressing != null && progressing.reason().equals("ProgressDeadlineExceeded")) {
                s.rolloutTimedOut = true;
            }
            if (complete && now > s.rolloutStart) {
                s.rollouts.add(new Rollout(s.rolloutStart, now, s.rolloutTimedOut));
                s.rolloutStart = -1;
            }
        }
    }

    /** The counts walked pod by pod, as they were before counts were kept. */
    private void verify(Deployment d, long now, PodCounts.Counts c) {
        int pods = 0;
        int ready = 0;
        int available = 0;
        int terminating = 0;
        for (ReplicaSet rs : store.replicaSetsByOwner().get(d.metadata().uid())) {
            for (Pod p : store.podsByOwner().get(rs.metadata().uid())) {
                if (p.isTerminal()) {
                    continue;
                }
                if (p.metadata().isDeleting()) {
                    terminating++;
                    continue;
                }
                pods++;
                if (p.isReady()) {
                    ready++;
                    if (p.isAvailable(d.minReadySeconds(), now)) {
                        available++;
                    }
                }
            }
        }
        if (pods != c.active() || ready != c.ready() || available != c.available() || terminating != c.terminating()) {
            throw new IllegalStateException("kept counts of " + d.metadata().key() + " at " + now + ": pods "
                    + c.active() + " ready " + c.ready() + " available " + c.available() + " terminating " + c.terminating()
                    + "; pod by pod: " + pods + " " + ready + " " + available + " " + terminating);
        }
    }

    private Deployment deploymentOf(Pod p) {
        OwnerReference o = p.metadata().owner();
        if (o == null || !o.kind().equals(ReplicaSet.KIND)) {
            return null;
        }
        ReplicaSet rs = store.replicaSets().get(p.namespace(), o.name());
        if (rs == null || rs.metadata().owner() == null) {
            return null;
        }
        return store.deployments().get(p.namespace(), rs.metadata().owner().name());
    }

    /**
     * Every Deployment still stored, as summary.json's {@code workloads} shows it: desired
     * {@code spec.replicas}, ready and available pods, the fewest available after the first full
     * availability, and the rollouts.
     */
    public WorkloadObserver workloads() {
        return now -> {
            List<WorkloadStatus> out = new ArrayList<>();
            for (Stats s : byUid.values()) {
                if (!store.deployments().contains(s.deployment)) {
                    continue;
                }
                List<WorkloadStatus.Rollout> rollouts = new ArrayList<>();
                for (Rollout r : s.rollouts()) {
                    rollouts.add(new WorkloadStatus.Rollout(r.start(), r.end()));
                }
                out.add(new WorkloadStatus(Deployment.KIND, s.displayName, s.deployment.replicas(), s.ready,
                        s.available, s.minAvailableObserved(), rollouts, Map.of(), s.belowDesiredMicros(now)));
            }
            return out;
        };
    }

    /** Gauges of every Deployment for timeseries.csv. */
    public Gauge gauge() {
        return (now, series) -> {
            for (Stats s : byUid.values()) {
                if (!store.deployments().contains(s.deployment)) {
                    continue;
                }
                String labels = "deployment=" + s.displayName;
                series.series("deployment_replicas_desired", labels).record(now, s.deployment.replicas());
                series.series("deployment_pods", labels).record(now, s.pods);
                series.series("deployment_pods_ready", labels).record(now, s.ready);
                series.series("deployment_pods_available", labels).record(now, s.available);
                series.series("deployment_pods_updated", labels).record(now, s.deployment.updatedReplicas());
                series.series("deployment_pods_terminating", labels).record(now, s.terminating);
            }
        };
    }
}
