package io.kubesim.cluster;

import java.util.List;

/**
 * An EndpointSlice (discovery.k8s.io/v1): a share of one Service's endpoints, at most
 * {@code --max-endpoints-per-slice} of them, all with the same resolved ports
 * (k8s-semantics.md 5). The owning Service is named by the label {@value #LABEL_SERVICE_NAME}.
 *
 * <p>Endpoints and ports are replaced as whole immutable lists on every write, so a watcher that
 * keeps the list it was shown keeps a consistent snapshot even after later writes.
 */
public final class EndpointSlice implements ApiObject {
    public static final String KIND = "EndpointSlice";
    /** The label naming the owning Service (discovery.LabelServiceName). */
    public static final String LABEL_SERVICE_NAME = "kubernetes.io/service-name";
    /** The label naming the controller that manages the slice (discovery.LabelManagedBy). */
    public static final String LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    /** The only address type the simulator models: pods have one IPv4 address. */
    public static final String ADDRESS_TYPE_IPV4 = "IPv4";

    /** A resolved port of the slice: the pod's port a Service port's targetPort names. */
    public record Port(String name, int port, String protocol) {
    }

    /**
     * One endpoint: a pod, its node and IP, and its conditions (k8s-semantics.md 5):
     * {@code serving} = the pod is Ready, {@code terminating} = it has a deletionTimestamp,
     * {@code ready = publishNotReadyAddresses || (serving && !terminating)}.
     */
    public record Endpoint(String podName, String podUid, String nodeName, String ip, boolean ready,
                           boolean serving, boolean terminating) {
    }

    private final ObjectMeta metadata;
    private final String addressType;
    private List<Port> ports;
    private List<Endpoint> endpoints;
    private int readyCount;
    private int terminatingCount;

    public EndpointSlice(ObjectMeta metadata, String addressType, List<Port> ports, List<Endpoint> endpoints) {
        this.metadata = metadata;
        this.addressType = addressType;
        setPorts(ports);
        setEndpoints(endpoints);
    }

    @Override
    public ObjectMeta metadata() {
        return metadata;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public String name() {
        return metadata.name();
    }

    public String addressType() {
        return addressType;
    }

    /** The name of the owning Service, from the {@value #LABEL_SERVICE_NAME} label; null if none. */
    public String serviceName() {
        return metadata.labels().get(LABEL_SERVICE_NAME);
    }

    /** {@code namespace/service} of the owning Service, or null when the slice names none. */
    public String serviceKey() {
        String s = serviceName();
        return s == null ? null : metadata.namespace() + "/" + s;
    }

    /** The controller that manages this slice, from the {@value #LABEL_MANAGED_BY} label; "" if none. */
    public String managedBy() {
        return metadata.labels().getOrDefault(LABEL_MANAGED_BY, "");
    }

    public List<Port> ports() {
        return ports;
    }

    public void setPorts(List<Port> p) {
        ports = List.copyOf(p);
    }

    /** The endpoints, an immutable list. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Replaces the endpoints (the caller writes the slice to the store afterwards). */
    public void setEndpoints(List<Endpoint> e) {
        endpoints = List.copyOf(e);
        int ready = 0;
        int terminating = 0;
        for (Endpoint x : endpoints) {
            ready += x.ready() ? 1 : 0;
            terminating += x.terminating() ? 1 : 0;
        }
        readyCount = ready;
        terminatingCount = terminating;
    }

    /** Endpoints with {@code ready=true}, counted at the last write. */
    public int readyCount() {
        return readyCount;
    }

    /** Endpoints with {@code terminating=true}, counted at the last write. */
    public int terminatingCount() {
        return terminatingCount;
    }
}
