package io.kubesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.PodSpec;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Service selector index gives, for a pod, exactly the Services of its namespace that select
 * it once each is checked with {@link Service#selects}, in the order a scan of the namespace's
 * Services would find them (creation order), kept current on every write.
 */
class ServiceSelectorIndexTest {
    private final ClusterStore store = new ClusterStore(new Simulation(1));

    private Service service(String ns, String name, Map<String, String> selector) {
        return store.services().create(new Service(new ObjectMeta(ns, name, "svc-" + ns + "-" + name), selector,
                List.of(), "ClusterIP", false, false));
    }

    private Pod pod(String ns, String name, Map<String, String> labels) {
        ObjectMeta m = new ObjectMeta(ns, name, ns + "-" + name);
        m.setLabels(labels);
        return store.pods().create(new Pod(m, PodSpec.of(List.of()), 0));
    }

    /** What the index finds, filtered as ServiceMembership filters it. */
    private List<String> selecting(Pod pod) {
        return store.servicesBySelector().candidates(pod).stream().filter(s -> s.selects(pod)).map(Service::name)
                .toList();
    }

    /** The reference: every Service of the namespace, in creation order. */
    private List<String> scan(Pod pod) {
        List<String> out = new ArrayList<>();
        for (Service s : store.services().list()) {
            if (s.selects(pod)) {
                out.add(s.name());
            }
        }
        return out;
    }

    @Test
    @DisplayName("the Services selecting a pod, in creation order, as a scan of the namespace finds them")
    void sameAsTheScan() {
        service("shop", "web", Map.of("app", "web"));
        service("shop", "front", Map.of("tier", "front", "app", "web"));
        service("shop", "api", Map.of("app", "api"));
        service("shop", "all-front", Map.of("tier", "front"));
        service("shop", "headless", Map.of());
        service("other", "web", Map.of("app", "web"));
        Pod a = pod("shop", "a", Map.of("app", "web", "tier", "front"));
        Pod b = pod("shop", "b", Map.of("app", "web", "tier", "back"));
        Pod c = pod("other", "c", Map.of("app", "web"));
        assertEquals(List.of("web", "front", "all-front"), selecting(a));
        assertEquals(scan(a), selecting(a));
        assertEquals(List.of("web"), selecting(b));
        assertEquals(List.of("web"), selecting(c));
        assertEquals(scan(c), selecting(c));
    }

    @Test
    @DisplayName("a Service whose selector changes moves buckets but keeps its place; a removed one is gone")
    void updatesAndRemovals() {
        Service web = service("shop", "web", Map.of("app", "web"));
        service("shop", "front", Map.of("tier", "front"));
        Pod a = pod("shop", "a", Map.of("app", "api", "tier", "front"));
        assertEquals(List.of("front"), selecting(a));
        web.setSelector(Map.of("app", "api"));
        store.services().update(web);
        assertEquals(List.of("web", "front"), selecting(a));
        assertEquals(scan(a), selecting(a));
        store.services().remove(web);
        assertEquals(List.of("front"), selecting(a));
        service("shop", "web", Map.of("app", "api"));
        assertEquals(List.of("front", "web"), selecting(a));
        assertEquals(scan(a), selecting(a));
    }

    @Test
    @DisplayName("a Service without a selector is in no bucket, also after an update, and can gain one")
    void selectorlessService() {
        Service external = service("shop", "external", Map.of());
        store.services().update(external);
        Pod a = pod("shop", "a", Map.of("app", "web"));
        assertEquals(List.of(), selecting(a));
        external.setSelector(Map.of("app", "web"));
        store.services().update(external);
        assertEquals(List.of("external"), selecting(a));
        external.setSelector(Map.of());
        store.services().update(external);
        assertEquals(List.of(), selecting(a));
    }
}
