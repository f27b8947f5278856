package io.kubesim.traffic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One load balancer's copy of one Service's endpoints: the EndpointSlices as that balancer last
 * applied them, merged. {@link #routable()} is read per request, so it returns a cached
 * unmodifiable list that is rebuilt only after the view changed.
 */
public final class ServiceEndpointView implements EndpointView {
    private static final Comparator<Endpoint> BY_POD =
            Comparator.comparing(Endpoint::podKey).thenComparing(Endpoint::podUid);

    private final String balancer;
    private final String serviceKey;
    /** DNS publishes ready addresses only: no fallback to serving-terminating endpoints. */
    private final boolean readyOnly;
    private final Map<String, List<Endpoint>> slices = new TreeMap<>();
    private List<Endpoint> endpoints = List.of();
    private List<Endpoint> routable = List.of();
    private boolean stale;
    /** Whether traffic has read this view (asked for its routable endpoints). */
    private boolean read;
    private long lastChanged = -1;
    /** When the latest change already scheduled for this view will be applied. */
    private long appliesUntil = Long.MIN_VALUE;

    ServiceEndpointView(String balancer, String serviceKey, boolean readyOnly) {
        this.balancer = balancer;
        this.serviceKey = serviceKey;
        this.readyOnly = readyOnly;
    }

    /** The balancer this view belongs to, e.g. {@code kube-proxy}. */
    public String balancer() {
        return balancer;
    }

    /** {@code namespace/name} of the Service. */
    public String serviceKey() {
        return serviceKey;
    }

    /**
     * kube-proxy's CategorizeEndpoints (k8s-semantics.md 5): the endpoints with {@code ready};
     * if there are none, those both {@code serving} and {@code terminating}
     * (ProxyTerminatingEndpoints, GA in 1.28); otherwise none. Ordered by pod. A DNS view (a
     * headless Service's A records) has the ready endpoints only.
     */
    @Override
    public List<Endpoint> routable() {
        read = true;
        rebuildIfStale();
        return routable;
    }

    /** Every endpoint the balancer knows of, whatever its conditions, ordered by pod. */
    public List<Endpoint> endpoints() {
        rebuildIfStale();
        return endpoints;
    }

    /** Whether traffic has asked this view for its routable endpoints yet. */
    boolean read() {
        return read;
    }

    /** When this view last changed (virtual microseconds); -1 if never. */
    public long lastChanged() {
        return lastChanged;
    }

    /**
     * The time a change that reached the balancer with this sampled delay is applied: not before
     * any change that reached it earlier, so the view never goes back in time.
     */
    long scheduleChange(long arrivedAt, long delay) {
        appliesUntil = Math.max(arrivedAt + delay, appliesUntil);
        return appliesUntil;
    }

    /** Applies one slice's content as it was written; null means the slice was deleted. */
    void apply(String sliceName, List<Endpoint> sliceEndpoints, long now) {
        List<Endpoint> before = sliceEndpoints == null ? slices.remove(sliceName) : slices.put(sliceName, sliceEndpoints);
        if (before == null ? sliceEndpoints != null : !before.equals(sliceEndpoints)) {
            stale = true;
            lastChanged = now;
        }
    }

    private void rebuildIfStale() {
        if (!stale) {
            return;
        }
        stale = false;
        List<Endpoint> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (List<Endpoint> slice : slices.values()) {
            for (Endpoint e : slice) {
                // kube-proxy's EndpointSliceCache: an endpoint in two slices (moving between them) counts once.
                if (seen.add(e.podUid())) {
                    all.add(e);
                }
            }
        }
        all.sort(BY_POD);
        List<Endpoint> ready = new ArrayList<>();
        List<Endpoint> servingTerminating = new ArrayList<>();
        for (Endpoint e : all) {
            if (e.ready()) {
                ready.add(e);
            } else if (!readyOnly && e.serving() && e.terminating()) {
                servingTerminating.add(e);
            }
        }
        endpoints = Collections.unmodifiableList(all);
        routable = Collections.unmodifiableList(!ready.isEmpty() ? ready : servingTerminating);
    }
}
