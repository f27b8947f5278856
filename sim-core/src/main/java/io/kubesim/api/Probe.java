package io.kubesim.api;

/**
 * A startup, readiness or liveness probe with its timings. Defaults are applied when the object
 * is read (k8s-semantics.md 4.1: initialDelay 0, period 10, timeout 1, success 1, failure 3).
 *
 * @param action                        how it probes, e.g. {@code httpGet :8080/healthz}; for messages
 * @param terminationGracePeriodSeconds probe-level override for liveness and startup kills; null when unset
 */
public record Probe(String action, int initialDelaySeconds, int periodSeconds, int timeoutSeconds,
                    int successThreshold, int failureThreshold, Long terminationGracePeriodSeconds) {
    public static final int DEFAULT_PERIOD_SECONDS = 10;
    public static final int DEFAULT_TIMEOUT_SECONDS = 1;
    public static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    /** A probe with the upstream defaults for every timing. */
    public static Probe withDefaults(String action) {
        return new Probe(action, 0, DEFAULT_PERIOD_SECONDS, DEFAULT_TIMEOUT_SECONDS,
                DEFAULT_SUCCESS_THRESHOLD, DEFAULT_FAILURE_THRESHOLD, null);
    }
}
