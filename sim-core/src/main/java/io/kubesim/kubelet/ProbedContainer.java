package io.kubesim.kubelet;

import io.kubesim.api.Probe;

/** What a {@link ProbeWorker} reads of its container and tells it: the container's side of a probe. */
interface ProbedContainer {
    /** The container's process exists (it may be shutting down). */
    boolean isRunning();

    /** The startup probe has succeeded, or there is none. */
    boolean isStarted();

    /** When the running instance started (virtual µs). */
    long startedAt();

    /** Whether the application answers a probe now. */
    boolean appResponds();

    /** A probe failed (the kubelet's Unhealthy event). */
    void probeFailed(ProbeType type, Probe probe);

    /** A probe's result took effect. */
    void probeResultChanged(ProbeType type, ProbeResult result);
}
