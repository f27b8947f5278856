package io.kubesim.controllers.rollout;

import io.kubesim.api.AnalysisMeasure;
import io.kubesim.api.Manifest;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import io.kubesim.controllers.Reconciler;
import io.kubesim.controllers.WorkQueue;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.WorkloadStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Argo Rollouts controller (k8s-semantics.md 20): reconciles each Rollout's ReplicaSets,
 * Services, traffic weights and analyses through its canary steps or blue-green switch, and takes
 * the actions of {@code kubectl argo rollouts} (promote, abort, retry). A template change starts
 * an update at step 0 (or skips every step when it goes back to the stable template).
 */
public final class RolloutController {
    private final ClusterStore store;
    private final EventRecorder events;
    private final RolloutReplicaSets replicaSets;
    private final RolloutStatusWriter status;
    private final RolloutAnalyses analyses;
    private final CanaryStrategy canary;
    private final BlueGreenStrategy blueGreen;
    private final WorkQueue queue;
    /** Per Rollout key: the ReplicaSet counts last seen (progress), spans of updates, fewest available after full. */
    private final Map<String, String> lastCounts = new HashMap<>();
    private final Map<String, List<long[]>> updates = new LinkedHashMap<>();
    private final Map<String, Integer> fewestAfterFull = new HashMap<>();

    /**
     * @param manifests the scenario's objects (the AnalysisTemplates are read from them)
     * @param mapped    what each AnalysisTemplate metric measures (the scenario's {@code analysis})
     * @param measures  where measurements come from (the traffic)
     */
    public RolloutController(ClusterStore store, EventRecorder events, long reactionDelay, List<Manifest> manifests,
                             List<AnalysisMeasure> mapped, RolloutMeasures measures) {
        this.store = store;
        this.events = events;
        this.replicaSets = new RolloutReplicaSets(store, events);
        this.status = new RolloutStatusWriter(store, events);
        this.queue = new WorkQueue(store.sim(), this::reconcile, reactionDelay);
        this.analyses = new RolloutAnalyses(store.sim(), status, manifests, mapped, measures, queue::add);
        RolloutServices services = new RolloutServices(store, events);
        this.canary = new CanaryStrategy(store, events, replicaSets, services, analyses, status);
        this.blueGreen = new BlueGreenStrategy(store, replicaSets, services, analyses, status);
    }

    /** Watches Rollouts and the ReplicaSets they own (whose status changes as pods become available). */
    public void start() {
        store.rollouts().watch((type, r) -> queue.add(r.metadata().key()));
        store.replicaSets().watch((type, rs) -> {
            OwnerReference o = rs.metadata().owner();
            if (o != null && o.kind().equals(Rollout.KIND)) {
                queue.add(rs.metadata().namespace() + "/" + o.name());
            }
        });
    }

    long reconcile(String key) {
        Rollout r = store.rollouts().get(key);
        if (r == null) {
            return Reconciler.DONE;
        }
        String before = fingerprint(r);
        List<ReplicaSet> owned = replicaSets.owned(r);
        ReplicaSet newRs = RolloutReplicaSets.current(r, owned);
        if (newRs == null) {
            newRs = replicaSets.newReplicaSet(r, owned);
            events.normal(RolloutReplicaSets.SOURCE, r, "NewReplicaSetCreated", "Created ReplicaSet " + newRs.name()
                    + " (revision " + RolloutReplicaSets.revision(newRs) + ")");
            owned = replicaSets.owned(r);
        } else {
            replicaSets.newReplicaSet(r, owned); // brings its revision up to date
        }
        String hash = RolloutReplicaSets.hash(newRs);
        if (!hash.equals(r.currentPodHash())) {
            templateChanged(r, newRs, hash);
            store.rollouts().update(r);
            return Reconciler.DONE;
        }
        RolloutState st = new RolloutState(r, owned, newRs);
        noteProgress(r, owned);
        long wake = r.canary() != null ? canary.reconcile(st) : blueGreen.reconcile(st);
        st = new RolloutState(r, replicaSets.owned(r), newRs);
        boolean complete = complete(st);
        long deadline = status.checkDeadline(st, complete);
        status.writeStatus(st, complete, progressingMessage(st));
        trackUpdate(r, st, complete);
        scaleReferencedDeployment(r, st, complete);
        if (complete) {
            replicaSets.cleanup(r, st.others);
        }
        if (!before.equals(fingerprint(r))) {
            store.rollouts().update(r);
        }
        if (wake < 0) {
            return deadline;
        }
        return deadline < 0 ? wake : Math.min(wake, deadline);
    }

    /** A new template (or the first): status reset; back to the stable template skips every step (20.5). */
    private void templateChanged(Rollout r, ReplicaSet newRs, String hash) {
        boolean first = r.currentPodHash().isEmpty();
        r.setCurrentPodHash(hash);
        r.pauseConditions().clear();
        r.setControllerPause(false);
        r.setAborted(false);
        r.setPromoteFull(false);
        r.setScaleUpPreviewCheckPoint(false);
        r.setLastProgress(store.now());
        analyses.terminateAll(r);
        ScaleDownDeadline.clear(store, newRs);
        if (r.canary() != null) {
            int steps = r.canary().steps().size();
            if (steps > 0) {
                r.setCurrentStepIndex(0);
                if (hash.equals(r.stableRs())) {
                    events.normal(RolloutReplicaSets.SOURCE, r, "SkipSteps", "Rollback to stable ReplicaSets");
                    r.setCurrentStepIndex(steps);
                }
            }
        }
        if (!first) {
            events.normal(RolloutReplicaSets.SOURCE, r, "RolloutUpdated", "Rollout updated to revision "
                    + RolloutReplicaSets.revision(newRs));
            updates.computeIfAbsent(r.metadata().key(), k -> new ArrayList<>()).add(new long[] {store.now(), -1});
        }
    }

    /**
     * workloadRef's scaleDown (20.7), during the Rollout's first revision: {@code onsuccess}
     * scales the Deployment to 0 once the Rollout is healthy; {@code progressively} keeps the
     * Deployment at the replicas the Rollout does not have ready yet; {@code never} leaves it.
     */
    private void scaleReferencedDeployment(Rollout r, RolloutState st, boolean complete) {
        var ref = r.spec().workloadRef();
        if (ref == null || st.newRs == null || RolloutReplicaSets.revision(st.newRs) != 1
                || io.kubesim.api.RolloutSpec.WorkloadRef.NEVER.equals(ref.scaleDown())) {
            return;
        }
        io.kubesim.cluster.Deployment d = store.deployments().get(r.metadata().namespace(), ref.name());
        if (d == null) {
            return;
        }
        int target;
        if (complete) {
            target = 0;
        } else if (io.kubesim.api.RolloutSpec.WorkloadRef.PROGRESSIVELY.equals(ref.scaleDown())) {
            int ready = 0;
            for (ReplicaSet rs : st.all) {
                ready += rs.readyReplicas();
            }
            target = Math.max(0, r.replicas() - ready);
        } else {
            return;
        }
        if (d.replicas() > target) {
            d.setReplicas(target);
            store.deployments().update(d);
        }
    }

    /** The update is done: stable is the current template at full availability, no other pod left. */
    private static boolean complete(RolloutState st) {
        if (!st.fullyPromoted() || st.newRs == null || st.newRs.availableReplicas() < st.rollout.replicas()) {
            return false;
        }
        if (st.rollout.blueGreen() != null && !st.rollout.activeSelector().equals(st.rollout.currentPodHash())) {
            return false;
        }
        return RolloutState.sumReplicas(st.others) == 0;
    }

    private static String progressingMessage(RolloutState st) {
        Rollout r = st.rollout;
        if (st.newRs == null || st.newRs.replicas() < r.replicas() && st.fullyPromoted()) {
            return "more replicas need to be updated";
        }
        if (st.newRs.availableReplicas() < st.newRs.replicas()) {
            return "updated replicas are still becoming available";
        }
        if (r.blueGreen() != null && !r.activeSelector().equals(r.currentPodHash())) {
            return "active service cutover pending";
        }
        if (r.canary() != null && !st.fullyPromoted()) {
            return "waiting for all steps to complete";
        }
        return "old replicas are pending termination";
    }

    private void noteProgress(Rollout r, List<ReplicaSet> owned) {
        StringBuilder sb = new StringBuilder();
        for (ReplicaSet rs : owned) {
            sb.append(rs.name()).append(':').append(rs.replicas()).append('/').append(rs.availableReplicas()).append(';');
        }
        String now = sb.toString();
        if (!now.equals(lastCounts.put(r.metadata().key(), now))) {
            r.setLastProgress(store.now());
        }
    }

    private void trackUpdate(Rollout r, RolloutState st, boolean complete) {
        String key = r.metadata().key();
        List<long[]> list = updates.get(key);
        if (complete && list != null && !list.isEmpty() && list.get(list.size() - 1)[1] < 0) {
            list.get(list.size() - 1)[1] = store.now();
        }
        int available = RolloutState.sumAvailable(st.all);
        if (complete || fewestAfterFull.containsKey(key)) {
            fewestAfterFull.merge(key, available, Math::min);
        }
    }

    private static String fingerprint(Rollout r) {
        var c = r.progressingCondition();
        return r.currentPodHash() + "|" + r.stableRs() + "|" + r.currentStepIndex() + "|" + r.pauseConditions() + "|"
                + r.aborted() + "|" + r.promoteFull() + "|" + r.controllerPause() + "|" + r.scaleUpPreviewCheckPoint()
                + "|" + r.activeSelector() + "|" + r.previewSelector() + "|" + r.canaryWeight() + "|" + r.phase()
                + "|" + r.message() + "|" + (c == null ? "" : c.reason()) + "|" + r.statusReplicas() + "|"
                + r.updatedReplicas() + "|" + r.availableReplicas();
    }

    /** summary.json's {@code workloads} entries for Rollouts. */
    public List<WorkloadStatus> workloads(Function<Rollout, String> displayName) {
        List<WorkloadStatus> out = new ArrayList<>();
        for (Rollout r : store.rollouts().list()) {
            String key = r.metadata().key();
            List<WorkloadStatus.Rollout> spans = new ArrayList<>();
            for (long[] u : updates.getOrDefault(key, List.of())) {
                spans.add(new WorkloadStatus.Rollout(u[0], u[1]));
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("strategy", r.canary() != null ? "canary" : "blueGreen");
            extra.put("phase", r.phase());
            if (!r.message().isEmpty()) {
                extra.put("message", r.message());
            }
            extra.put("stableRS", r.stableRs());
            extra.put("currentPodHash", r.currentPodHash());
            if (r.canary() != null) {
                extra.put("currentStepIndex", r.currentStepIndex());
                extra.put("steps", r.canary().steps().size());
                if (r.canary().trafficRouting() != null) {
                    extra.put("canaryWeight", r.canaryWeight());
                }
            } else {
                extra.put("activeSelector", r.activeSelector());
                extra.put("previewSelector", r.previewSelector());
            }
            extra.put("aborted", r.aborted());
            int ready = 0;
            for (ReplicaSet rs : replicaSets.owned(r)) {
                ready += rs.readyReplicas();
            }
            out.add(new WorkloadStatus(Rollout.KIND, displayName.apply(r), r.replicas(), ready, r.availableReplicas(),
                    fewestAfterFull.getOrDefault(key, -1), spans, extra));
        }
        return out;
    }
}
