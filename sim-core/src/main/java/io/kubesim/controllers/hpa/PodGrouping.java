package io.kubesim.controllers.hpa;

/**
 * groupPods of replica_calculator.go (k8s-semantics.md 1.2): sorts a pod into ignored, unready,
 * missing or ready, with the CPU-only readiness rules that keep a just-started pod's warm-up burst
 * out of the average.
 */
public final class PodGrouping {
    private final long cpuInitializationPeriod;
    private final long initialReadinessDelay;

    /** Both durations in microseconds (defaults 5 min and 30 s, k8s-semantics.md 1.1). */
    public PodGrouping(long cpuInitializationPeriod, long initialReadinessDelay) {
        this.cpuInitializationPeriod = cpuInitializationPeriod;
        this.initialReadinessDelay = initialReadinessDelay;
    }

    public PodBucket classify(HpaPod pod, boolean cpu, long now) {
        if (pod.deleting() || pod.failed()) {
            return PodBucket.IGNORED;
        }
        if (pod.pending()) {
            return PodBucket.UNREADY;
        }
        if (pod.sample() == null) {
            return PodBucket.MISSING;
        }
        if (cpu) {
            if (pod.ready() == null || pod.startTime() < 0) {
                return PodBucket.UNREADY;
            }
            boolean ready = pod.ready();
            if (pod.startTime() + cpuInitializationPeriod > now) {
                // inside the initialization period: unready until a full window was collected while Ready
                if (!ready || pod.sample().timestamp() < pod.readyTransition() + pod.sample().window()) {
                    return PodBucket.UNREADY;
                }
            } else if (!ready && pod.startTime() + initialReadinessDelay > pod.readyTransition()) {
                // past it: unready only if it has never been ready since it started (strict comparison)
                return PodBucket.UNREADY;
            }
        }
        return PodBucket.READY;
    }
}
