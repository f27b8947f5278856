package io.kubesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.PodSpec;
import io.kubesim.engine.Simulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pod label index: a selector's candidates by label, kept up to date on every write. */
class LabelIndexTest {
    private final ClusterStore store = new ClusterStore(new Simulation(1));

    private Pod pod(String ns, String name, Map<String, String> labels) {
        ObjectMeta m = new ObjectMeta(ns, name, ns + "-" + name);
        m.setLabels(labels);
        return store.pods().create(new Pod(m, PodSpec.of(List.of()), 0));
    }

    private List<String> names(String ns, String key, String value) {
        return store.podsByLabel().get(ns, key, value).stream().map(Pod::name).toList();
    }

    @Test
    @DisplayName("pods by label within their namespace, in creation order")
    void byLabel() {
        pod("shop", "a", Map.of("app", "web", "tier", "front"));
        pod("shop", "b", Map.of("app", "api"));
        pod("shop", "c", Map.of("app", "web"));
        pod("other", "d", Map.of("app", "web"));
        assertEquals(List.of("a", "c"), names("shop", "app", "web"));
        assertEquals(List.of("a"), names("shop", "tier", "front"));
        assertEquals(List.of("d"), names("other", "app", "web"));
        assertEquals(List.of(), names("shop", "app", "db"));
    }

    @Test
    @DisplayName("a relabelled pod moves between buckets; a removed one leaves them")
    void updatesAndRemovals() {
        Pod a = pod("shop", "a", Map.of("app", "web"));
        pod("shop", "b", Map.of("app", "web"));
        a.metadata().setLabels(Map.of("app", "api"));
        store.pods().update(a);
        assertEquals(List.of("b"), names("shop", "app", "web"));
        assertEquals(List.of("a"), names("shop", "app", "api"));
        store.pods().remove(a);
        assertEquals(List.of(), names("shop", "app", "api"));
    }
}
