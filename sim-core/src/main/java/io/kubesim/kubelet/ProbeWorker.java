package io.kubesim.kubelet;

import io.kubesim.api.Probe;
import io.kubesim.engine.ScheduledEvent;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;

/**
 * One probe of one container (prober/worker.go). It ticks every {@code periodSeconds} from the
 * moment the pod worker started, skips while the container is not running, while it has run for
 * fewer whole seconds than {@code initialDelaySeconds}, and (for liveness and readiness) until a
 * startup probe has succeeded. A result only takes effect after {@code successThreshold}
 * consecutive successes or {@code failureThreshold} consecutive failures.
 */
final class ProbeWorker {
    private final Simulation sim;
    private final ContainerRunner container;
    private final ProbeType type;
    private final Probe probe;
    private ProbeResult result;
    private ProbeResult lastResult = ProbeResult.UNKNOWN;
    private int resultRun;
    private boolean onHold;
    private boolean stopped;
    private ScheduledEvent next;

    ProbeWorker(Simulation sim, ContainerRunner container, ProbeType type, Probe probe) {
        this.sim = sim;
        this.container = container;
        this.type = type;
        this.probe = probe;
        this.result = type.initial;
    }

    ProbeType type() {
        return type;
    }

    Probe probe() {
        return probe;
    }

    ProbeResult result() {
        return result;
    }

    /** Starts ticking: the first probe now, then every period. */
    void start() {
        tick();
    }

    /** A manual run, as the kubelet triggers a readiness probe when a container has no result yet. */
    void triggerNow() {
        if (!stopped) {
            doProbe();
        }
    }

    void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
        }
    }

    /** A new container instance: results start again from the initial value. */
    void newContainer() {
        onHold = false;
        result = type.initial;
        lastResult = ProbeResult.UNKNOWN;
        resultRun = 0;
    }

    private void tick() {
        if (stopped) {
            return;
        }
        doProbe();
        next = sim.schedule(SimTime.seconds(probe.periodSeconds()), this::tick);
    }

    private void doProbe() {
        if (onHold || !container.isRunning()) {
            return;
        }
        if (type != ProbeType.STARTUP && !container.isStarted()) {
            return;
        }
        if (type == ProbeType.STARTUP && container.isStarted()) {
            return;
        }
        long ranFor = sim.now() - container.startedAt();
        if (SimTime.wholeSeconds(ranFor) < probe.initialDelaySeconds()) {
            return;
        }
        ProbeResult outcome = container.appResponds() ? ProbeResult.SUCCESS : ProbeResult.FAILURE;
        if (outcome == ProbeResult.FAILURE) {
            container.probeFailed(type, probe);
        }
        if (outcome == lastResult) {
            resultRun++;
        } else {
            lastResult = outcome;
            resultRun = 1;
        }
        if ((outcome == ProbeResult.FAILURE && resultRun < probe.failureThreshold())
                || (outcome == ProbeResult.SUCCESS && resultRun < probe.successThreshold())) {
            return;
        }
        ProbeResult before = result;
        result = outcome;
        if (type != ProbeType.READINESS && outcome == ProbeResult.FAILURE) {
            onHold = true;
            resultRun = 0;
        }
        if (before != outcome || (type != ProbeType.READINESS && outcome == ProbeResult.FAILURE)) {
            container.probeResultChanged(type, outcome);
        }
    }
}
