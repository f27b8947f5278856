package io.kubesim.traffic;

import io.kubesim.app.RetryOn;
import io.kubesim.app.RetryPolicy;
import io.kubesim.engine.SimTime;
import java.util.Set;

/**
 * A service mesh's proxy (Envoy, as Istio configures it) between a client and a Service
 * (k8s-semantics.md 17.8): endpoints from its control plane, least-request balancing per request,
 * Istio's default retries (2, on connect failures, to another host, Envoy's 25 ms back-off), a 10 s
 * connect timeout, and failures answered 503 with a response flag in the access log.
 */
final class MeshDefaults {
    /** Istio's default {@code attempts}: 2 retries. */
    static final int RETRIES = 2;
    /** Istio's {@code connectTimeout} (MeshConfig): 10 s. */
    static final long CONNECT_TIMEOUT = SimTime.seconds(10);

    private MeshDefaults() {
    }

    /** Istio's default retry policy with {@code retries} retries. */
    static RetryPolicy retry(int retries) {
        return retries == 0 ? RetryPolicy.NONE : new RetryPolicy(retries, 0, RetryPolicy.DEFAULT_BACKOFF_BASE,
                10 * RetryPolicy.DEFAULT_BACKOFF_BASE, Set.of(RetryOn.CONNECT_FAILURE), true, null);
    }

    /** What the proxy answers a request that failed with {@code cause}: 503, or 504 for a timeout. */
    static int status(RequestCause cause) {
        return cause == RequestCause.TIMEOUT || cause == RequestCause.NODE_UNREACHABLE ? 504 : 503;
    }

    /**
     * Envoy's response flag for a failure: {@code UH} no healthy upstream, {@code UF} upstream
     * connection failure, {@code URX} retries exhausted ({@code retried}), {@code UC} the upstream
     * connection was reset; null for the others (the pod's own 503, a client timeout).
     */
    static String responseFlag(RequestCause cause, boolean retried) {
        return switch (cause) {
            case NO_ENDPOINTS -> "UH";
            case CONNECTION_REFUSED, CONNECT_TIMEOUT, POLICY_DROPPED -> retried ? "URX" : "UF";
            case KILLED_IN_FLIGHT, RESET_ON_SIGTERM -> "UC";
            default -> null;
        };
    }
}
