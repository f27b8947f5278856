package io.kubesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code /scale} subresource registry: the kinds the API server serves a scale for, looked up
 * by kind, namespace and name, reading and writing the object as the scale client does.
 */
class ScaleSubresourcesTest {
    private final Simulation sim = new Simulation(1);
    private final ClusterStore store = new ClusterStore(sim);

    private ReplicaSet replicated(String kind, String name, int replicas) {
        PodTemplate t = new PodTemplate(Map.of("app", name), Map.of(), PodSpec.of(List.of()));
        ReplicaSet rs = new ReplicaSet(new ObjectMeta("default", name, store.newUid()), LabelSelector.of(Map.of("app", name)),
                t, replicas, 0, kind);
        return (kind.equals(ReplicaSet.KIND) ? store.replicaSets() : store.replicationControllers()).create(rs);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Deployment, deployments.apps", "ReplicaSet, replicasets.apps",
            "ReplicationController, replicationcontrollers", "StatefulSet, statefulsets.apps"})
    @DisplayName("The kinds served from the start, with the resource names of the API server's errors")
    void servedKinds(String kind, String resource) {
        assertTrue(store.scales().serves(kind));
        assertEquals(resource, store.scales().resource(kind));
    }

    @Test
    @DisplayName("A kind without a scale, or an object that does not exist, has none")
    void unknownKindOrObject() {
        replicated(ReplicaSet.KIND, "web", 2);
        assertFalse(store.scales().serves("DaemonSet"), "a DaemonSet has no scale subresource");
        assertNull(store.scales().resource("DaemonSet"));
        assertNull(store.scales().get("DaemonSet", "default", "web"));
        assertNull(store.scales().get("StatefulSet", "default", "web"), "no StatefulSet named web");
        assertNull(store.scales().get(ReplicaSet.KIND, "default", "nope"));
        assertNull(store.scales().get(ReplicaSet.KIND_REPLICATION_CONTROLLER, "default", "web"),
                "a ReplicaSet is not a ReplicationController of the same name");
    }

    @Test
    @DisplayName("A scale reads spec.replicas, status.replicas and the selector; writing it updates the object in its store")
    void readsAndWritesThroughTheStore() {
        ReplicaSet rc = replicated(ReplicaSet.KIND_REPLICATION_CONTROLLER, "legacy", 2);
        rc.setStatus(1, 1, 1, 1, 0);
        List<String> updates = new ArrayList<>();
        store.replicationControllers().observe((type, o) -> updates.add(type + " " + o.name() + " " + o.replicas()));
        Scale scale = store.scales().get(ReplicaSet.KIND_REPLICATION_CONTROLLER, "default", "legacy");
        assertSame(rc, scale.target());
        assertEquals(2, scale.specReplicas());
        assertEquals(1, scale.statusReplicas());
        assertEquals(LabelSelector.of(Map.of("app", "legacy")), scale.selector());
        long generation = rc.metadata().generation();

        scale.setReplicas(5);
        assertEquals(5, rc.replicas());
        assertEquals(generation + 1, rc.metadata().generation());
        assertEquals(1, updates.size());
        assertTrue(updates.get(0).endsWith(" legacy 5"), updates.toString());
    }

    @Test
    @DisplayName("Adding a scalable kind is one registration; a later registration of a kind replaces it")
    void oneRegistrationAddsAKind() {
        ReplicaSet stand = replicated(ReplicaSet.KIND, "db", 3);
        store.scales().register(new ScaleSubresources.Kind<>("StatefulSet", "statefulsets.apps", store.replicaSets(),
                ReplicaSet::replicas, ReplicaSet::statusReplicas, ReplicaSet::selector, ReplicaSet::setReplicas));
        assertEquals("statefulsets.apps", store.scales().resource("StatefulSet"));
        store.scales().get("StatefulSet", "default", "db").setReplicas(4);
        assertEquals(4, stand.replicas());
        assertEquals(List.of(stand), store.scales().list("StatefulSet").stream().map(Scale::target).toList());
    }

    @Test
    @DisplayName("list: every object of the kind in creation order; nothing for a kind not served")
    void listInCreationOrder() {
        ReplicaSet b = replicated(ReplicaSet.KIND, "b", 1);
        ReplicaSet a = replicated(ReplicaSet.KIND, "a", 1);
        assertEquals(List.of(b, a), store.scales().list(ReplicaSet.KIND).stream().map(Scale::target).toList());
        assertEquals(List.of(), store.scales().list("Job"));
    }
}
