package io.kubesim.cluster;

import io.kubesim.api.ServicePort;
import java.util.List;
import java.util.Map;

/** A Service: a selector over pods, its ports and type. */
public final class Service implements ApiObject {
    public static final String KIND = "Service";

    private final ObjectMeta metadata;
    private final Map<String, String> selector;
    private final List<ServicePort> ports;
    private final String type;
    private final boolean headless;
    private final boolean publishNotReadyAddresses;

    public Service(ObjectMeta metadata, Map<String, String> selector, List<ServicePort> ports, String type,
                   boolean headless, boolean publishNotReadyAddresses) {
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
    public Map<String, String> selector() {
        return selector;
    }

    public List<ServicePort> ports() {
        return ports;
    }

    public String type() {
        return type;
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
