package io.kubesim.metrics;

import io.kubesim.cluster.ApiObject;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records Kubernetes events for every component, counts them by reason, and forwards them to
 * sinks. Retaining the full list is optional (tests and small runs); large runs stream to a
 * sink instead.
 */
public final class EventRecorder {
    private final Simulation sim;
    private final List<EventSink> sinks = new ArrayList<>();
    private final Map<String, Long> countsByReason = new TreeMap<>();
    private final List<ClusterEvent> retained;

    public EventRecorder(Simulation sim, boolean retain) {
        this.sim = sim;
        this.retained = retain ? new ArrayList<>() : null;
    }

    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    public void normal(String source, ApiObject object, String reason, String message) {
        record(new ClusterEvent(sim.now(), false, reason, object.reference(), message, source));
    }

    public void warning(String source, ApiObject object, String reason, String message) {
        record(new ClusterEvent(sim.now(), true, reason, object.reference(), message, source));
    }

    public void record(ClusterEvent e) {
        countsByReason.merge(e.reason(), 1L, Long::sum);
        if (retained != null) {
            retained.add(e);
        }
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).accept(e);
        }
    }

    /** How many events of this reason were recorded. */
    public long count(String reason) {
        return countsByReason.getOrDefault(reason, 0L);
    }

    public Map<String, Long> countsByReason() {
        return Collections.unmodifiableMap(countsByReason);
    }

    /** The retained events in order; empty when retention is off. */
    public List<ClusterEvent> events() {
        return retained == null ? List.of() : Collections.unmodifiableList(retained);
    }
}
