package io.kubesim.kubelet;

import io.kubesim.api.Container;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.ContainerStatus;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.ScheduledEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one pod on a node: once the kubelet picks it up, sets {@code status.startTime}, creates
 * the sandbox, runs plain init containers one after another, starts sidecars and then the app
 * containers together, and keeps the pod's phase and Ready condition in step with its
 * containers. On deletion it stops every container and removes the pod when all have stopped.
 */
final class PodWorker {
    private final NodeAgentContext ctx;
    private final Kubelet kubelet;
    private final Pod pod;
    private final ApplicationModel app;
    private final List<ContainerRunner> containers = new ArrayList<>();
    private ScheduledEvent pendingStep;
    private boolean synced;
    private boolean terminating;
    private boolean finished;
    private boolean evicted;
    private String workloadName;
    /** The unmet readiness gates when Ready was last worked out (null: none unmet, or not looked at). */
    private String unmetGates;

    PodWorker(NodeAgentContext ctx, Kubelet kubelet, Pod pod) {
        this.ctx = ctx;
        this.kubelet = kubelet;
        this.pod = pod;
        this.app = ctx.applications().forPod(pod);
        for (Container c : pod.spec().containers()) {
            ContainerStatus s = pod.containerStatus(c.name());
            containers.add(new ContainerRunner(ctx, this, pod, c, s, app));
        }
    }

    Kubelet kubelet() {
        return kubelet;
    }

    Pod pod() {
        return pod;
    }

    List<ContainerRunner> containers() {
        return containers;
    }

    /** The output name of the pod's workload, worked out once (a pod's owner does not change). */
    String workloadName(java.util.function.Function<Pod, String> naming) {
        if (workloadName == null) {
            workloadName = naming.apply(pod);
        }
        return workloadName;
    }

    /** Being stopped (deleted or evicted) or already stopped for good. */
    boolean isTerminating() {
        return terminating || finished;
    }

    /**
     * The eviction manager evicts the pod: its containers are stopped with {@code graceSeconds},
     * then the pod is left {@code Failed} with reason Evicted (it is not deleted; its controller
     * replaces it).
     */
    void evict(long graceSeconds, String message) {
        if (terminating || finished) {
            return;
        }
        long now = ctx.sim().now();
        evicted = true;
        pod.setReasonAndMessage(EvictionManager.REASON, message);
        pod.setDisruptionTarget("TerminationByKubelet", message, now);
        ctx.store().pods().update(pod);
        ctx.events().warning(NodeAgentContext.SOURCE, pod, EvictionManager.REASON, message);
        ctx.counters().increment(NodeAgentContext.EVICTED);
        stopAll(graceSeconds);
    }

    /** The kubelet saw the pod: sync it after the pod-worker delay. */
    void start() {
        pendingStep = ctx.sim().schedule(ctx.config().podSyncDelay(), this::sync);
    }

    private void sync() {
        if (terminating) {
            return;
        }
        synced = true;
        pod.setStartTime(ctx.sim().now());
        ctx.store().pods().update(pod);
        for (ContainerRunner c : containers) {
            c.startProbes();
        }
        pendingStep = ctx.sim().schedule(ctx.config().sandboxCreateTime(), () -> {
            if (terminating) {
                return;
            }
            pod.setPodIP(kubelet.allocatePodIP());
            ctx.store().pods().update(pod);
            runInitContainer(0);
        });
    }

    /**
     * Plain init containers run to completion in order; restartable ones (sidecars) are started
     * and left running. An init container's own run time is taken as 0 beyond pull and start.
     */
    private void runInitContainer(int index) {
        if (terminating) {
            return;
        }
        List<Container> inits = pod.spec().initContainers();
        if (index >= inits.size()) {
            pod.initializedCondition().set(ConditionStatus.TRUE, "", "", ctx.sim().now());
            for (ContainerRunner c : containers) {
                c.start();
            }
            return;
        }
        Container init = inits.get(index);
        long pullTime = app.imagePullTime().sample(kubelet.rng());
        kubelet.puller().ensure(init.image(), pullTime, (pulled, took, waited) -> {
            pendingStep = ctx.sim().schedule(ctx.config().containerStartTime(), () -> {
                if (terminating) {
                    return;
                }
                ctx.events().normal(NodeAgentContext.SOURCE, pod, "Created", "Created container: " + init.name());
                ctx.events().normal(NodeAgentContext.SOURCE, pod, "Started", "Started container " + init.name());
                runInitContainer(index + 1);
            });
        });
    }

    /** A container's state changed: recompute phase and conditions and publish the status. */
    void containerChanged() {
        if (finished) {
            return;
        }
        long now = ctx.sim().now();
        boolean allReady = !containers.isEmpty();
        boolean anyRunning = false;
        for (ContainerRunner c : containers) {
            allReady &= c.isReady();
            anyRunning |= c.isRunning();
        }
        for (ContainerRunner c : containers) {
            ContainerStatus s = pod.containerStatus(c.name());
            if (s != null) {
                s.setReady(c.isReady());
            }
        }
        if (anyRunning && pod.phase() == PodPhase.PENDING) {
            pod.setPhase(PodPhase.RUNNING);
        }
        pod.containersReadyCondition().set(ConditionStatus.of(allReady), allReady ? "" : "ContainersNotReady",
                "", now);
        String gates = allReady ? PodReadiness.unmetGates(pod) : null;
        unmetGates = gates;
        if (gates != null) {
            pod.readyCondition().set(ConditionStatus.FALSE, PodReadiness.GATES_NOT_READY, gates, now);
        } else {
            pod.readyCondition().set(ConditionStatus.of(allReady), allReady ? "" : "ContainersNotReady", "", now);
        }
        ctx.store().pods().update(pod);
    }

    /**
     * The pod object changed: when a controller has set one of its readiness gates since the
     * Ready condition was last worked out, work it out again (the status manager's sync).
     */
    void podUpdated() {
        if (finished || pod.spec().readinessGates().isEmpty() || !pod.containersReadyCondition().isTrue()) {
            return;
        }
        if (!java.util.Objects.equals(PodReadiness.unmetGates(pod), unmetGates)) {
            containerChanged();
        }
    }

    /** A container stopped and will not restart (terminating, or restartPolicy forbids it). */
    void containerStopped() {
        for (ContainerRunner c : containers) {
            if (!c.isStopped()) {
                return;
            }
        }
        if (terminating) {
            finish();
        } else if (!pod.spec().restartPolicy().equals("Always")) {
            pod.setPhase(allSucceeded() ? PodPhase.SUCCEEDED : PodPhase.FAILED);
            ctx.store().pods().update(pod);
        }
    }

    /** The pod has a deletionTimestamp: stop every container with its grace period. */
    void terminate() {
        if (terminating) {
            return;
        }
        stopAll(Math.max(0, pod.metadata().deletionGracePeriodSeconds()));
    }

    private void stopAll(long grace) {
        terminating = true;
        if (!synced && pendingStep != null) {
            pendingStep.cancel();
        }
        for (ContainerRunner c : containers) {
            c.terminate(grace);
        }
        containerStopped();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        kubelet.forget(pod);
        if (evicted && !pod.metadata().isDeleting()) {
            pod.setPhase(PodPhase.FAILED);
            pod.readyCondition().set(ConditionStatus.FALSE, "PodFailed", "", ctx.sim().now());
            ctx.store().pods().update(pod);
            return;
        }
        pod.setPhase(allSucceeded() ? PodPhase.SUCCEEDED : PodPhase.FAILED);
        ctx.store().pods().remove(pod);
    }

    private boolean allSucceeded() {
        for (ContainerRunner c : containers) {
            if (c.lastExitCode() != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The machine went down: every container is gone and nothing is reported any more; the pod
     * object stays in the API as it last was (the node-lifecycle controller marks it not ready).
     */
    void machineDown() {
        finished = true;
        terminating = true;
        if (pendingStep != null) {
            pendingStep.cancel();
        }
        for (ContainerRunner c : containers) {
            c.machineDown();
        }
    }

    /** The node vanished: stop acting; the pod object stays until pod GC removes it. */
    void abandon() {
        finished = true;
        if (pendingStep != null) {
            pendingStep.cancel();
        }
        for (ContainerRunner c : containers) {
            c.abandon();
        }
    }
}
