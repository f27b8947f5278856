package io.kubesim.cluster;

import io.kubesim.api.ServicePort;
import java.util.List;
import java.util.Map;

/** A Service: a selector over pods, its ports and type. */
public final class Service implements ApiObject {
    public static final String KIND = "Service";

    private final ObjectMeta metadata;
    private Map<String, String> selector;
    private final List<ServicePort> ports;
    private final String type;
    private final boolean headless;
    private final boolean publishNotReadyAddresses;
    private final long clientIpAffinityTimeout;

    public Service(ObjectMeta metadata, Map<String, String> selector, List<ServicePort> ports, String type,
                   boolean headless, boolean publishNotReadyAddresses) {
        this(metadata, selector, ports, type, headless, publishNotReadyAddresses, 0);
    }

    /** @param clientIpAffinityTimeout {@code sessionAffinity: ClientIP}'s timeout (microseconds), 0 for None */
    public Service(ObjectMeta metadata, Map<String, String> selector, List<ServicePort> ports, String type,
                   boolean headless, boolean publishNotReadyAddresses, long clientIpAffinityTimeout) {
        this.clientIpAffinityTimeout = clientIpAffinityTimeout;
        this.metadata = metadata;
        this.selector = io.kubesim.api.Collections2.sortedCopy(selector);
        this.ports = List.copyOf(ports);
        this.type = type == null || type.isEmpty() ? "ClusterIP" : type;
        this.headless = headless;
        this.publishNotReadyAddresses = publishNotReadyAddresses;
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

    /** The pod selector; empty for a Service without selector (manually managed endpoints). */
    /** A new selector ({@code kubectl patch}: a hand-made blue-green switch); callers then update the store. */
    public void setSelector(Map<String, String> s) {
        this.selector = io.kubesim.api.Collections2.sortedCopy(s);
    }

    public Map<String, String> selector() {
        return selector;
    }

    public List<ServicePort> ports() {
        return ports;
    }

    public String type() {
        return type;
    }

    /**
     * {@code sessionAffinity: ClientIP}'s timeout in microseconds (k8s-semantics.md 17.3: a client
     * address keeps its endpoint that long after its last connection), or 0 for {@code None}.
     */
    public long clientIpAffinityTimeout() {
        return clientIpAffinityTimeout;
    }

    public boolean headless() {
        return headless;
    }

    public boolean publishNotReadyAddresses() {
        return publishNotReadyAddresses;
    }

    /** True when the service selects this pod: same namespace and a non-empty matching selector. */
    public boolean selects(Pod pod) {
        if (selector.isEmpty() || !pod.namespace().equals(metadata.namespace())) {
            return false;
        }
        Map<String, String> labels = pod.metadata().labels();
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
