package io.kubesim.app;

/**
 * Which failed attempts a client retries, named after Envoy's {@code retry_on} and
 * ingress-nginx's {@code proxy-next-upstream} conditions (k8s-semantics.md 17.7, 17.8).
 */
public enum RetryOn {
    /** The connection was not made: refused (RST), timed out (SYN unanswered), or no endpoint at all. */
    CONNECT_FAILURE("connect-failure"),
    /** The connection was refused (RST): the pod is alive and not listening, or the Service has no endpoint. */
    REFUSED("refused"),
    /** The connection was reset with the request in flight: the process died or closed its connections. */
    RESET("reset"),
    /** The attempt's own time limit passed ({@code perTryTimeout}; ingress-nginx's read timeout). */
    PER_TRY_TIMEOUT("per-try-timeout"),
    /** The pod answered 502. */
    STATUS_502("502"),
    /** The pod answered 503 (queue full, not warmed up). */
    STATUS_503("503"),
    /** The pod answered 504. */
    STATUS_504("504");

    private final String label;

    RetryOn(String label) {
        this.label = label;
    }

    /** The name in the scenario file. */
    public String label() {
        return label;
    }

    /** The condition named {@code label}, or null. */
    public static RetryOn of(String label) {
        for (RetryOn r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        return null;
    }
}
