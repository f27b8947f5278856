package io.kubesim.traffic;

/**
 * Who opens a connection, as kube-proxy sees it: the node its packets leave from (IPVS keeps a
 * round-robin pointer per node; ClientIP affinity is remembered per node) and its source address.
 *
 * @param node    the client pod's node, or {@link #OUTSIDE} for an entry point's clients
 * @param address the client's source IP, as a stable name (a pod's uid, an entry point's client number)
 */
record ClientIdentity(String node, String address) {
    /** Traffic from outside the cluster, as one node's view of it. */
    static final String OUTSIDE = "";
}
