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
    /**
     * The pod did not accept the connection (k8s-semantics.md 17.5): alive but not listening (not
     * started yet, stopped accepting after SIGTERM, its process exited), so its kernel answered RST
     * at once.
     */
    CONNECTION_REFUSED("connection_refused", 502),
    /**
     * Nothing answered the connection (k8s-semantics.md 17.5): the pod's IP no longer exists (its
     * node is down, or the pod is gone), so the SYN was dropped and the client gave up after its
     * connect timeout (Linux: SYN retries for 127 s), or its request timeout if that came first.
     */
    CONNECT_TIMEOUT("connect_timeout", 504),
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
    /** The application answered with an error of its own (its version's {@code errorRatio}). */
    APP_ERROR("app_error", 500),
    /** A call the request depended on failed. */
    DEPENDENCY_FAILED("dependency_failed", 502),
    /**
     * The pod's node is down and the request went over a connection made before (a pooled or
     * multiplexed one, or one the pod held when its node failed): nothing answers and nothing
     * resets, so the client gave up at its request timeout. (A new connection to such a pod is
     * {@link #CONNECT_TIMEOUT}.)
     */
    NODE_UNREACHABLE("node_unreachable", 504),
    /**
     * A NetworkPolicy dropped the connection (k8s-semantics.md 17.9): the destination pod is
     * isolated for ingress, or the source for egress, and no rule admits it. Most CNIs drop the
     * SYN silently, so the client waits its connect timeout as for a vanished address.
     */
    POLICY_DROPPED("policy_dropped", 504),
    /**
     * The calling pod could not resolve the Service's name: its egress policies block DNS (UDP 53
     * to kube-dns), so the lookup timed out ({@code NetworkPath#DNS_FAILURE}) or the request's
     * time ran out first, and no connection was made.
     */
    DNS_TIMEOUT("dns_timeout", 504);

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

    /** The pod's application answered with this status (as opposed to a failure on the wire or at a balancer). */
    boolean answeredByPod() {
        return this == NOT_WARMED_UP || this == QUEUE_FULL || this == DEPENDENCY_FAILED || this == APP_ERROR;
    }
}
