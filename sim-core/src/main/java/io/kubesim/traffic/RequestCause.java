package io.kubesim.traffic;

/**
 * Why a request ended as it did, with the HTTP status the client saw. Every failed request has
 * exactly one cause, so a report can say "1,240 requests failed because the load balancer still
 * sent them to pods that had SIGTERM".
 */
public enum RequestCause {
    /** Served. */
    OK("ok", 200),
    /** The balancer had no endpoint to send it to (kube-proxy rejects; an ingress answers 503). */
    NO_ENDPOINTS("no_endpoints", 503),
    /** The pod did not accept the connection: not listening yet, or stopped accepting after SIGTERM, or gone. */
    CONNECTION_REFUSED("connection_refused", 502),
    /** The pod was still warming up and refused to serve. */
    NOT_WARMED_UP("not_warmed_up", 503),
    /** Every worker busy and the queue full. */
    QUEUE_FULL("queue_full", 503),
    /** The client's timeout passed before the response came. */
    TIMEOUT("timeout", 504),
    /** The process died with the request in flight (SIGKILL, a crash, OOM, eviction, node loss). */
    KILLED_IN_FLIGHT("killed_in_flight", 502),
    /** The app closed its connections at once on SIGTERM (it does not drain). */
    RESET_ON_SIGTERM("reset_on_sigterm", 502),
    /** A call the request depended on failed. */
    DEPENDENCY_FAILED("dependency_failed", 502),
    /**
     * The pod's node is down: nothing answered the connection (no RST), so the client gave up
     * after its timeout. Requests the pod held when its node failed end the same way.
     */
    NODE_UNREACHABLE("node_unreachable", 504);

    private final String label;
    private final int status;

    RequestCause(String label, int status) {
        this.label = label;
        this.status = status;
    }

    /** The name used in outputs ({@code byCause}, the {@code cause} label). */
    public String label() {
        return label;
    }

    public int status() {
        return status;
    }
}
