package io.kubesim.traffic;

/**
 * How a proxy picks a pod for each request: ingress-nginx's {@code round_robin} (its default) or
 * {@code ewma}, Envoy's {@code LEAST_REQUEST} (k8s-semantics.md 17.7, 17.8).
 */
public enum LoadBalance {
    ROUND_ROBIN("round_robin"),
    /** ingress-nginx: two random peers, the one with the lower moving average of response time. */
    EWMA("ewma"),
    /** Envoy: two random hosts, the one with fewer requests in flight. */
    LEAST_REQUEST("least_request");

    private final String label;

    LoadBalance(String label) {
        this.label = label;
    }

    /** The name in the scenario file. */
    public String label() {
        return label;
    }

    /** The policy named {@code label}, or null. */
    public static LoadBalance of(String label) {
        for (LoadBalance p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        return null;
    }
}
