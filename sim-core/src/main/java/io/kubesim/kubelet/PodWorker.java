package io.kubesim.kubelet;

import io.kubesim.api.Container;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.ContainerStatus;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.ScheduledEvent;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one pod on a node: once the kubelet picks it up, sets {@code status.startTime}, creates
 * the sandbox, then walks the init containers in order: a plain one is created, started, runs for
 * its {@code initTime} and exits before the next; a sidecar (restartable init container) is started
 * and the walk goes on once it has started (its startup probe passed, if it has one). Then the app
 * containers start together. Until the walk ends the pod stays Pending with Initialized=False. It
 * keeps the pod's phase and Ready condition (sidecars included) in step with its containers. On
 * deletion it stops the app containers, then the sidecars in reverse order, and removes the pod
 * when all have stopped.
 */
final class PodWorker implements PodLoadTarget {
    private final NodeAgentContext ctx;
    private final Kubelet kubelet;
    private final Pod pod;
    private final ApplicationModel app;
    /** The app containers in spec order (the first serves), then the sidecars in init order. */
    private final List<ContainerRunner> containers = new ArrayList<>();
    /** Whether the kubelet holds this worker in {@link PodWorkers} (runs the pod on a live node). */
    private boolean attached;
    private final long sequence;
    private final int regular;
    private ScheduledEvent pendingStep;
    /** A sidecar the init walk waits on to have started, and the init index to go on with. */
    private ContainerRunner awaitedSidecar;
    private int resumeAt;
    /** When the pod's grace period ends, for the sidecars that stop after the app containers. */
    private long stopDeadline;
    private boolean synced;
    private boolean terminating;
    private boolean finished;
    private boolean evicted;
    private String workloadName;
    /** The unmet readiness gates when Ready was last worked out (null: none unmet, or not looked at). */
    private String unmetGates;
    /** Each container's ready flag when Ready was last worked out (for the ReadinessChanged reason). */
    private boolean[] containerReady;

    /**
     * @param sequence the worker's place among those its kubelet took on (its order in housekeeping)
     */
    PodWorker(NodeAgentContext ctx, Kubelet kubelet, long sequence, Pod pod) {
        this.ctx = ctx;
        this.kubelet = kubelet;
        this.sequence = sequence;
        this.pod = pod;
        this.app = ctx.applications().forPod(pod);
        for (Container c : pod.spec().containers()) {
            ContainerStatus s = pod.containerStatus(c.name());
            containers.add(new ContainerRunner(ctx, this, containers.size(), pod, c, s, app));
        }
        this.regular = containers.size();
        for (Container c : pod.spec().initContainers()) {
            if (c.restartableInit()) {
                // sidecars' statuses are initContainerStatuses upstream; the pod here lists app containers only
                containers.add(new ContainerRunner(ctx, this, containers.size(), pod, c, new ContainerStatus(c.name()), app));
            }
        }
    }

    Kubelet kubelet() {
        return kubelet;
    }

    boolean attached() {
        return attached;
    }

    long sequence() {
        return sequence;
    }

    /** A container's process started or ended: the node's housekeeping follows it while the kubelet holds this worker. */
    void runningChanged(ContainerRunner c, boolean running) {
        NodeResources r = kubelet.resources();
        if (r != null && attached) {
            r.runningChanged(c, running);
        }
    }

    void attached(boolean on) {
        attached = on;
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
        if (pod.spec().hasClaims()) {
            awaitVolumes(ctx.sim().now() + VolumeMounts.MOUNT_TIMEOUT);
            return;
        }
        createSandbox();
    }

    /**
     * The volume manager's WaitForAttachAndMount (k8s-semantics.md 14.5): the sandbox is created
     * only once every claim-backed volume is attached to this node; it checks every
     * {@link VolumeMounts#POLL} and posts {@code FailedMount} each time {@link VolumeMounts#MOUNT_TIMEOUT} passes.
     */
    private void awaitVolumes(long timeoutAt) {
        if (terminating) {
            return;
        }
        List<String> unattached = VolumeMounts.unattached(ctx.store(), pod);
        if (unattached.isEmpty()) {
            createSandbox();
            return;
        }
        long next = timeoutAt;
        if (ctx.sim().now() >= timeoutAt) {
            ctx.events().warning(NodeAgentContext.SOURCE, pod, "FailedMount", VolumeMounts.timeoutMessage(unattached));
            next = timeoutAt + VolumeMounts.MOUNT_TIMEOUT;
        }
        long nextTimeout = next;
        pendingStep = ctx.sim().schedule(VolumeMounts.POLL, () -> awaitVolumes(nextTimeout));
    }

    private void createSandbox() {
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
     * The init containers in order, as the kubelet's computeInitContainerActions walks them: a plain
     * one is pulled, created, started, runs for its {@code initTime} and exits 0 before the next one
     * begins; a sidecar is started and the next one begins once it has started. After the last,
     * Initialized turns True and the app containers start.
     */
    private void runInitContainer(int index) {
        if (terminating) {
            return;
        }
        List<Container> inits = pod.spec().initContainers();
        if (index >= inits.size()) {
            pod.initializedCondition().set(ConditionStatus.TRUE, "", "", ctx.sim().now());
            startAppContainer(0);
            return;
        }
        notInitialized(inits, index);
        Container init = inits.get(index);
        if (init.restartableInit()) {
            awaitedSidecar = sidecar(init.name());
            resumeAt = index + 1;
            awaitedSidecar.start();
            return;
        }
        long pullTime = app.imagePullTime().sample(kubelet.rng());
        // Init containers pull as app containers do: pull policy, failing images and back-off (18).
        kubelet.images().ensureImageExists(pod, init, pullTime, new ImageManager.Result() {
            @Override
            public void ready() {
                pendingStep = ctx.sim().schedule(ctx.config().containerStartTime(),
                        () -> startInitContainer(init, index));
            }

            @Override
            public void waiting(String reason, long retryAt) {
                if (!terminating) {
                    pendingStep = ctx.sim().schedule(Math.max(0, retryAt - ctx.sim().now()),
                            () -> runInitContainer(index));
                }
            }
        });
    }

    private void startInitContainer(Container init, int index) {
        if (terminating) {
            return;
        }
        ctx.events().normal(NodeAgentContext.SOURCE, pod, "Created", "Created container: " + init.name());
        ctx.events().normal(NodeAgentContext.SOURCE, pod, "Started", "Started container " + init.name());
        long runs = app.initTimeOf(init.name()).sample(kubelet.rng());
        pendingStep = ctx.sim().schedule(runs, () -> runInitContainer(index + 1));
    }

    /**
     * The app containers in order, as SyncPod starts them: each pulls its image (or is left
     * waiting on it) and is created and started before the next one's turn.
     */
    private void startAppContainer(int index) {
        if (!terminating && index < regular) {
            containers.get(index).start(() -> startAppContainer(index + 1));
        }
    }

    /** Initialized=False naming the init containers not done yet (GeneratePodInitializedCondition). */
    private void notInitialized(List<Container> inits, int from) {
        StringBuilder names = new StringBuilder();
        for (int i = from; i < inits.size(); i++) {
            names.append(i == from ? "" : " ").append(inits.get(i).name());
        }
        pod.initializedCondition().set(ConditionStatus.FALSE, "ContainersNotInitialized",
                "containers with incomplete status: [" + names + "]", ctx.sim().now());
    }

    private ContainerRunner sidecar(String name) {
        for (int i = regular; i < containers.size(); i++) {
            if (containers.get(i).name().equals(name)) {
                return containers.get(i);
            }
        }
        throw new IllegalStateException("no sidecar " + name);
    }

    /** Whether the init walk is over (Initialized=True). */
    private boolean initialized() {
        return pod.initializedCondition().isTrue();
    }

    /** A container's state changed: recompute phase and conditions and publish the status. */
    void containerChanged() {
        if (finished) {
            return;
        }
        long now = ctx.sim().now();
        if (awaitedSidecar != null && awaitedSidecar.isRunning() && awaitedSidecar.isStarted()) {
            awaitedSidecar = null;
            int next = resumeAt;
            pendingStep = ctx.sim().schedule(0, () -> runInitContainer(next));
        }
        // Ready counts the sidecars too (GenerateContainersReadyCondition); the phase leaves
        // Pending only once the pod is initialized and an app container runs.
        boolean allReady = regular > 0;
        boolean anyRunning = false;
        boolean wasReady = pod.readyCondition().isTrue();
        boolean recording = ctx.decisions().enabled();
        String changedContainer = null;
        String containerReason = null;
        if (containerReady == null) {
            containerReady = new boolean[containers.size()];
        }
        for (int i = 0; i < containers.size(); i++) {
            ContainerRunner c = containers.get(i);
            boolean ready = c.isReady();
            allReady &= ready;
            anyRunning |= i < regular && c.isRunning();
            if (recording && ready != containerReady[i] && changedContainer == null) {
                changedContainer = c.name();
                containerReason = PodReadiness.containerReason(spec(c.name()), ready, c.isRunning());
            }
            containerReady[i] = ready;
        }
        for (ContainerRunner c : containers) {
            ContainerStatus s = pod.containerStatus(c.name());
            if (s != null) {
                s.setReady(c.isReady());
            }
        }
        if (anyRunning && initialized() && pod.phase() == PodPhase.PENDING) {
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
        boolean ready = pod.readyCondition().isTrue();
        if (recording && ready != wasReady) {
            recordReadinessChanged(ready, gates, changedContainer, containerReason);
        }
        ctx.store().pods().update(pod);
    }

    /**
     * The ReadinessChanged decision: Ready flipped, because of a container (its probe, start or
     * stop) or of the readiness gates. Facts: ready, reason, container (when one caused it),
     * condition (the Ready condition's reason: ContainersNotReady, ReadinessGatesNotReady, or ""),
     * terminating; for a container's change, sinceStartSeconds (since the container started) and
     * its readinessProbe timing, which tell why Ready came when it did.
     */
    private void recordReadinessChanged(boolean ready, String gates, String container, String containerReason) {
        String reason;
        if (gates != null) {
            reason = "readiness gates not ready: " + gates;
        } else if (container != null) {
            reason = containerReason;
        } else {
            reason = ready ? "readiness gates True" : "containers not ready";
        }
        boolean byContainer = container != null && gates == null;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ready", ready);
        facts.put("reason", reason);
        if (byContainer) {
            facts.put("container", container);
        }
        facts.put("condition", pod.readyCondition().reason());
        facts.put("terminating", terminating || pod.metadata().isDeleting());
        if (byContainer) {
            ContainerStatus status = pod.containerStatus(container);
            if (status != null && status.startedAt() >= 0) {
                facts.put("sinceStartSeconds", SimTime.toSeconds(ctx.sim().now() - status.startedAt()));
            }
            io.kubesim.api.Probe probe = spec(container).readinessProbe();
            if (probe != null) { // the timing that decides how soon after start Ready can flip
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("initialDelaySeconds", probe.initialDelaySeconds());
                p.put("periodSeconds", probe.periodSeconds());
                p.put("successThreshold", probe.successThreshold());
                p.put("failureThreshold", probe.failureThreshold());
                facts.put("readinessProbe", p);
            }
        }
        String message = "Ready " + (ready ? "True" : "False") + ": " + reason
                + (byContainer ? " (container " + container + ")" : "");
        ctx.decisions().record(new io.kubesim.metrics.Decision(ctx.sim().now(), NodeAgentContext.SOURCE,
                PodReadiness.DECISION, "Pod/" + pod.metadata().key(), message, facts));
    }

    /** The spec of the app container or sidecar named {@code name}. */
    private Container spec(String name) {
        for (Container c : pod.spec().containers()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        for (Container c : pod.spec().initContainers()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException("no container " + name);
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

    /**
     * A container stopped and will not restart (terminating, or restartPolicy forbids it). Once
     * every app container has stopped, the sidecars are stopped one by one in reverse order
     * (when the pod terminates, or when its restartPolicy lets it complete), then the pod finishes.
     */
    void containerStopped() {
        for (int i = 0; i < regular; i++) {
            if (!containers.get(i).isStopped()) {
                return;
            }
        }
        boolean completes = !pod.spec().restartPolicy().equals("Always");
        if (!terminating && !completes) {
            return;
        }
        for (int i = containers.size() - 1; i >= regular; i--) {
            ContainerRunner sidecar = containers.get(i);
            if (!sidecar.isStoppedForGood()) {
                long left = terminating ? Math.max(0, stopDeadline - ctx.sim().now())
                        : SimTime.seconds(pod.spec().terminationGracePeriodSeconds());
                sidecar.terminateWithin(left);
            }
            if (!sidecar.isStoppedForGood()) {
                return; // its stop sequence runs; its end calls back here
            }
        }
        if (terminating) {
            finish();
        } else if (completes) {
            // the pod ran to completion: its worker is done (nothing of it runs or can be evicted)
            finished = true;
            kubelet.forget(pod);
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

    /** Stops the app containers at once; {@link #containerStopped} then stops the sidecars. */
    private void stopAll(long grace) {
        terminating = true;
        stopDeadline = ctx.sim().now() + SimTime.seconds(grace);
        if (!synced && pendingStep != null) {
            pendingStep.cancel();
        }
        awaitedSidecar = null;
        for (int i = 0; i < regular; i++) {
            containers.get(i).terminate(grace);
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

    /** Whether every app container exited 0 (sidecars do not decide the phase). */
    private boolean allSucceeded() {
        for (int i = 0; i < regular; i++) {
            if (containers.get(i).lastExitCode() != 0) {
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
