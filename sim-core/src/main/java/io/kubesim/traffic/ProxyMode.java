package io.kubesim.traffic;

/**
 * kube-proxy's mode (k8s-semantics.md 17.1): how it picks the endpoint of a new connection.
 * iptables (the default on Linux) and nftables pick uniformly at random; IPVS by its scheduler,
 * round robin by default or least connections.
 */
public enum ProxyMode {
    IPTABLES("iptables"),
    NFTABLES("nftables"),
    /** IPVS with the {@code rr} scheduler (its default): round robin, one pointer per node. */
    IPVS_RR("ipvs"),
    /** IPVS with the {@code lc} scheduler: the endpoint with the fewest active connections. */
    IPVS_LC("ipvs-lc");

    private final String label;

    ProxyMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The mode named {@code label}, or null. */
    public static ProxyMode of(String label) {
        for (ProxyMode m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        return null;
    }
}
