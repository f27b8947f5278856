package io.kubesim.kubelet;

import io.kubesim.api.Container;
import io.kubesim.api.Probe;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ContainerStatus;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.ScheduledEvent;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One app container or sidecar (restartable init container) of a pod: pull, create and start it;
 * run the application (listening after its start-up time, exiting if it crashes); run its probes;
 * restart it with CrashLoopBackOff (a sidecar whatever the pod's restartPolicy); and stop it with
 * the termination sequence (k8s-semantics.md 4.3): preStop for at most the grace period, then
 * SIGTERM, then SIGKILL when what is left of the grace period (at least 2 s) runs out.
 */
final class ContainerRunner implements ProbedContainer {
    private enum State { CREATING, RUNNING, EXITED, STOPPING, STOPPED }

    private final NodeAgentContext ctx;
    private final PodWorker worker;
    private final Pod pod;
    private final Container spec;
    private final ContainerStatus status;
    private final ApplicationModel app;
    private final RestartBackoff backoff;
    private final List<ProbeWorker> probes = new ArrayList<>(3);
    private final List<ScheduledEvent> pending = new ArrayList<>();
    private final ContainerUsage usage;
    private ProbeWorker readiness;
    private State state = State.CREATING;
    private final int index;
    private boolean listening;
    private boolean sigtermed;
    private boolean started;
    private boolean everStarted;
    private boolean podTerminating;
    private long startedAt = -1;
    private long finishedAt;
    /** Its place in its node's running list at the node's last housekeeping pass ({@link NodeResources}). */
    int housekeepingSlot = -1;

    /**
     * @param index the container's place in its worker's list (its order in the node's housekeeping)
     */
    ContainerRunner(NodeAgentContext ctx, PodWorker worker, int index, Pod pod, Container spec, ContainerStatus status,
                    ApplicationModel app) {
        this.ctx = ctx;
        this.worker = worker;
        this.index = index;
        this.pod = pod;
        this.spec = spec;
        this.status = status;
        this.app = app;
        this.backoff = new RestartBackoff(ctx.config().backOffInitial(), ctx.config().backOffMax());
        boolean serves = pod.spec().containers().get(0).name().equals(spec.name());
        this.usage = new ContainerUsage(spec, app.usageOf(spec, serves), serves ? app.serving() : null);
        if (spec.startupProbe() != null) {
            probes.add(new ProbeWorker(ctx.sim(), this, ProbeType.STARTUP, spec.startupProbe()));
        }
        if (spec.readinessProbe() != null) {
            readiness = new ProbeWorker(ctx.sim(), this, ProbeType.READINESS, spec.readinessProbe());
            probes.add(readiness);
        }
        if (spec.livenessProbe() != null) {
            probes.add(new ProbeWorker(ctx.sim(), this, ProbeType.LIVENESS, spec.livenessProbe()));
        }
    }

    String name() {
        return spec.name();
    }

    Container spec() {
        return spec;
    }

    Pod pod() {
        return pod;
    }

    /** CPU throttling or contention changed how much slower this container serves. */
    void cpuSlowdownChanged(double factor) {
        if (isFirst()) {
            for (AppLifecycleListener l : ctx.listeners()) {
                l.cpuSlowdown(pod, factor);
            }
        }
    }

    /** Starts the probe workers; they tick from now, which is when the pod worker began syncing. */
    void startProbes() {
        for (ProbeWorker p : probes) {
            p.start();
        }
    }

    /**
     * Ensures the image as the pull policy says (k8s-semantics.md 18), then creates and starts the
     * container; a failed or refused pull leaves it waiting and tries again when the image
     * manager says.
     */
    void start() {
        start(null);
    }

    /**
     * As {@link #start()}, then runs {@code settled} once this start attempt is over: the
     * container created and started, or left waiting on its image. The kubelet's SyncPod starts a
     * pod's containers one after the other, each pulling its image first, so the pod worker starts
     * the next container from here.
     */
    void start(Runnable settled) {
        if (state == State.STOPPING || state == State.STOPPED) {
            return;
        }
        setState(State.CREATING);
        wakeProbes();
        long pullTime = sample(app.imagePullTime());
        worker.kubelet().images().ensureImageExists(pod, spec, pullTime, new ImageManager.Result() {
            @Override
            public void ready() {
                if (state == State.CREATING) {
                    later(ctx.config().containerStartTime(), () -> {
                        running();
                        settle(settled);
                    });
                }
            }

            @Override
            public void waiting(String reason, long retryAt) {
                if (state != State.CREATING) {
                    return;
                }
                status.waiting(reason);
                worker.containerChanged();
                later(Math.max(0, retryAt - ctx.sim().now()), ContainerRunner.this::start);
                settle(settled);
            }
        });
    }

    private static void settle(Runnable settled) {
        if (settled != null) {
            settled.run();
        }
    }

    private void running() {
        if (state != State.CREATING) {
            return;
        }
        long now = ctx.sim().now();
        if (everStarted) {
            status.incrementRestarts();
            ctx.counters().increment(NodeAgentContext.RESTARTS);
        }
        everStarted = true;
        setState(State.RUNNING);
        startedAt = now;
        usage.restarted();
        listening = false;
        sigtermed = false;
        started = spec.startupProbe() == null;
        status.running(now);
        status.setStarted(started);
        ctx.events().normal(NodeAgentContext.SOURCE, pod, "Created", "Created container: " + spec.name());
        ctx.events().normal(NodeAgentContext.SOURCE, pod, "Started", "Started container " + spec.name());
        for (ProbeWorker p : probes) {
            p.newContainer();
        }
        later(sample(app.startupTime()), () -> {
            listening = true;
            wakeProbes();
            if (isFirst()) {
                for (AppLifecycleListener l : ctx.listeners()) {
                    l.listening(pod, worker);
                }
            }
        });
        if (app.crashAfter() != null) {
            later(sample(app.crashAfter()), () -> exited(1, "Error"));
        }
        DurationDistribution runTime = spec.restartableInit() ? null : app.runTimeOf(spec.name());
        if (runTime != null) {
            // a run-to-completion container (a Job's): exits 0 after its runTime, or 1 with failureProbability
            long runs = sample(runTime);
            double p = app.failureProbabilityOf(spec.name());
            boolean fails = p > 0 && worker.kubelet().rng().nextDouble() < p;
            later(runs, () -> exited(fails ? 1 : 0, fails ? "Error" : "Completed"));
        }
        worker.containerChanged();
        wakeProbes();
        if (readiness != null) {
            readiness.triggerNow();
        }
    }

    /** Moves to {@code next}, telling the node's housekeeping when the process starts or ends. */
    private void setState(State next) {
        boolean wasRunning = isRunning();
        state = next;
        if (wasRunning != isRunning()) {
            worker.runningChanged(this, !wasRunning);
        }
    }

    /** The worker this container belongs to. */
    PodWorker worker() {
        return worker;
    }

    /** Its place in the worker's list of containers. */
    int index() {
        return index;
    }

    /** The container's process exists (it may have had SIGTERM and be shutting down). */
    @Override
    public boolean isRunning() {
        return state == State.RUNNING || state == State.STOPPING;
    }

    @Override
    public boolean isStarted() {
        return started;
    }

    @Override
    public long startedAt() {
        return startedAt;
    }

    /** The application answers probes: it listens and has not been told to stop. */
    @Override
    public boolean appResponds() {
        return listening && !sigtermed;
    }

    /** Ready (status.containerStatuses[].ready): running, started, and readiness passing if probed. */
    boolean isReady() {
        if (!isRunning()) {
            return false;
        }
        if (!started) {
            return false;
        }
        return readiness == null || readiness.result() == ProbeResult.SUCCESS;
    }

    boolean isStopped() {
        return state == State.STOPPED || state == State.EXITED || state == State.CREATING && !everStarted;
    }

    /** Stopped and never to start again (the pod is terminating or completed). */
    boolean isStoppedForGood() {
        return state == State.STOPPED;
    }

    int lastExitCode() {
        return status.lastExitCode();
    }

    @Override
    public void probeFailed(ProbeType type, Probe probe) {
        ctx.events().warning(NodeAgentContext.SOURCE, pod, "Unhealthy",
                type.label + " probe failed: " + probe.action() + ": connection refused");
    }

    @Override
    public void probeResultChanged(ProbeType type, ProbeResult result) {
        if (type == ProbeType.STARTUP && result == ProbeResult.SUCCESS) {
            started = true;
            status.setStarted(true);
            wakeProbes();
            if (readiness != null) {
                readiness.triggerNow();
            }
        } else if (type != ProbeType.READINESS && result == ProbeResult.FAILURE && state == State.RUNNING) {
            String which = type == ProbeType.LIVENESS ? "liveness" : "startup";
            ctx.events().normal(NodeAgentContext.SOURCE, pod, "Killing",
                    "Container " + spec.name() + " failed " + which + " probe, will be restarted");
            Probe p = type == ProbeType.LIVENESS ? spec.livenessProbe() : spec.startupProbe();
            long grace = p.terminationGracePeriodSeconds() != null ? p.terminationGracePeriodSeconds()
                    : pod.spec().terminationGracePeriodSeconds();
            stopSequence(SimTime.seconds(grace), false);
            return;
        }
        worker.containerChanged();
    }

    /** The pod is being deleted: stop for good with the pod's grace period. */
    void terminate(long graceSeconds) {
        terminateWithin(SimTime.seconds(graceSeconds));
    }

    /** Stop for good within {@code grace} microseconds (a sidecar gets what the app containers left). */
    void terminateWithin(long grace) {
        podTerminating = true;
        if (state == State.STOPPING || state == State.STOPPED) {
            return;
        }
        for (ProbeWorker p : probes) {
            if (p.type() != ProbeType.READINESS) {
                p.stop();
            }
        }
        if (state != State.RUNNING) {
            if (isFirst() && ctx.decisions().enabled()) {
                TerminationCause.record(ctx, pod, spec, grace, 0, false);
            }
            cancelPending();
            setState(State.STOPPED);
            wakeProbes();
            return;
        }
        ctx.events().normal(NodeAgentContext.SOURCE, pod, "Killing", "Stopping container " + spec.name());
        stopSequence(grace, true);
    }

    /**
     * preStop (at most the grace period), SIGTERM, then the app exits after its shutdown time or is
     * SIGKILLed when the rest of the grace period, never less than 2 s, has passed.
     *
     * @param grace the grace period in microseconds
     */
    private void stopSequence(long grace, boolean forGood) {
        cancelPending();
        setState(State.STOPPING);
        wakeProbes();
        long hook = 0;
        if (spec.preStop() != null) {
            hook = spec.preStop().hasKnownDuration() ? SimTime.millis(spec.preStop().durationMillis())
                    : sample(app.preStopTime());
            hook = Math.min(hook, grace);
        }
        if (forGood && isFirst() && ctx.decisions().enabled()) {
            TerminationCause.record(ctx, pod, spec, grace, hook, true);
        }
        long remaining = Math.max(grace - hook, ctx.config().minimumGracePeriod());
        long shutdown = sample(app.shutdownTime());
        later(hook, () -> {
            sigtermed = true;
            wakeProbes();
            if (isFirst()) {
                for (AppLifecycleListener l : ctx.listeners()) {
                    l.sigterm(pod);
                }
            }
            worker.containerChanged();
            if (shutdown < remaining) {
                later(shutdown, () -> stopped(0, forGood ? "Completed" : "Error", forGood));
            } else {
                later(remaining, () -> stopped(137, "Error", forGood));
            }
        });
    }

    private void stopped(int exitCode, String reason, boolean forGoodRequested) {
        boolean forGood = forGoodRequested || podTerminating;
        cancelPending();
        notifyStopped(exitCode != 0);
        listening = false;
        finishedAt = ctx.sim().now();
        status.terminated(exitCode, reason);
        if (forGood) {
            setState(State.STOPPED);
            for (ProbeWorker p : probes) {
                p.stop();
            }
            worker.containerChanged();
            worker.containerStopped();
            return;
        }
        setState(State.EXITED);
        worker.containerChanged();
        wakeProbes();
        restartIfPolicyAllows(exitCode);
    }

    /** What the container uses and is given. */
    ContainerUsage usage() {
        return usage;
    }

    /** The container's memory limit is exceeded (or the node's OOM killer chose it): the kernel kills it. */
    void oomKilled(String message) {
        if (state != State.RUNNING || podTerminating) {
            return;
        }
        ctx.counters().increment(NodeAgentContext.OOM_KILLED);
        ctx.events().warning(NodeAgentContext.SOURCE, pod, "OOMKilled", message);
        exited(137, "OOMKilled");
    }

    /** The application exited by itself. */
    private void exited(int exitCode, String reason) {
        if (state != State.RUNNING || podTerminating) {
            return;
        }
        cancelPending();
        notifyStopped(true);
        listening = false;
        finishedAt = ctx.sim().now();
        status.terminated(exitCode, reason);
        setState(State.EXITED);
        worker.containerChanged();
        wakeProbes();
        restartIfPolicyAllows(exitCode);
    }

    private void restartIfPolicyAllows(int exitCode) {
        // a sidecar restarts whatever the pod's restartPolicy (its own is Always)
        String policy = spec.restartableInit() ? "Always" : pod.spec().restartPolicy();
        if (policy.equals("Never") || policy.equals("OnFailure") && exitCode == 0) {
            worker.containerStopped();
            return;
        }
        long delay = backoff.delayAfterExit(finishedAt, ctx.sim().now());
        if (delay == 0) {
            start();
            return;
        }
        status.waiting("CrashLoopBackOff");
        ctx.events().warning(NodeAgentContext.SOURCE, pod, "BackOff", "Back-off restarting failed container "
                + spec.name() + " in pod " + pod.name() + "_" + pod.namespace() + "(" + pod.metadata().uid() + ")");
        worker.containerChanged();
        setState(State.CREATING);
        wakeProbes();
        later(delay, () -> {
            status.waiting("ContainerCreating");
            start();
        });
    }

    /** What the probe workers see changed: a parked one ticks again ({@link ProbeWorker#wake}). */
    private void wakeProbes() {
        for (ProbeWorker p : probes) {
            p.wake();
        }
    }

    private boolean isFirst() {
        return pod.spec().containers().get(0).name().equals(spec.name());
    }

    private void notifyStopped(boolean killed) {
        if (isFirst() && isRunning()) {
            for (AppLifecycleListener l : ctx.listeners()) {
                l.stopped(pod, killed);
            }
        }
    }

    /**
     * The machine went down: the process vanished without a word to anyone, so the traffic
     * hears that it is unreachable, not that it stopped. Nothing more happens to this container.
     */
    void machineDown() {
        cancelPending();
        if (isFirst()) {
            for (AppLifecycleListener l : ctx.listeners()) {
                l.unreachable(pod);
            }
        }
        for (ProbeWorker p : probes) {
            p.stop();
        }
        setState(State.STOPPED);
    }

    /** The node is gone: nothing more happens to this container. */
    void abandon() {
        cancelPending();
        notifyStopped(true);
        for (ProbeWorker p : probes) {
            p.stop();
        }
        setState(State.STOPPED);
    }

    private void later(long delay, Runnable r) {
        pending.removeIf(e -> !e.isPending());
        pending.add(ctx.sim().schedule(delay, r));
    }

    private void cancelPending() {
        for (ScheduledEvent e : pending) {
            e.cancel();
        }
        pending.clear();
    }

    private long sample(DurationDistribution d) {
        return d == null ? 0 : d.sample(worker.kubelet().rng());
    }
}
