package io.kubesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.PodSpec;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How a write reaches the store's watchers: each after its latency, in registration order, and
 * in the order one event per watcher would give (a store tells the watchers of one latency in a
 * single event, counting each delivery as an event).
 */
class ObjectStoreWatchTest {
    private final Simulation sim = new Simulation(1);
    private final ClusterStore store = new ClusterStore(sim);
    private final List<String> seen = new ArrayList<>();

    private Pod pod(String name) {
        return new Pod(new ObjectMeta("default", name, "uid-" + name), PodSpec.of(List.of()), 0);
    }

    private void watch(String who, long latency) {
        store.pods().watch((type, p) -> seen.add(who + ":" + type + " " + p.name() + " @" + sim.now()), latency);
    }

    @Test
    @DisplayName("watchers hear each write after their own latency, in registration order")
    void registrationOrderPerLatency() {
        watch("a", 0);
        watch("slow", 5);
        watch("b", 0);
        sim.schedule(10, () -> store.pods().create(pod("p")));
        sim.runUntil(100);
        assertEquals(List.of("a:ADDED p @10", "b:ADDED p @10", "slow:ADDED p @15"), seen);
    }

    @Test
    @DisplayName("what a watcher schedules or writes at the instant comes after the other watchers heard the write")
    void laterWorkAfterTheOtherWatchers() {
        store.pods().watch((type, p) -> {
            seen.add("a heard " + p.name());
            if (p.name().equals("p")) {
                sim.schedule(0, () -> seen.add("a's follow-up"));
                store.pods().create(pod("q"));
            }
        });
        store.pods().watch((type, p) -> seen.add("b heard " + p.name()));
        sim.schedule(0, () -> seen.add("scheduled before the write"));
        store.pods().create(pod("p"));
        sim.schedule(0, () -> seen.add("scheduled after the write"));
        sim.runUntil(10);
        assertEquals(List.of("scheduled before the write", "a heard p", "b heard p", "scheduled after the write",
                "a's follow-up", "a heard q", "b heard q"), seen);
    }

    @Test
    @DisplayName("each delivery counts as an event; a watcher added after a write does not hear it")
    void deliveriesCountAsEvents() {
        watch("a", 0);
        watch("b", 0);
        watch("slow", 5);
        store.pods().create(pod("p"));
        watch("late", 0);
        sim.runUntil(100);
        assertEquals(List.of("a:ADDED p @0", "b:ADDED p @0", "slow:ADDED p @5"), seen);
        assertEquals(3, sim.eventsProcessed());
    }

    @Test
    @DisplayName("the membership version moves when an object is created or removed, not when one is updated")
    void membershipVersion() {
        long start = store.pods().membershipVersion();
        Pod p = store.pods().create(pod("p"));
        long created = store.pods().membershipVersion();
        store.pods().update(p);
        long updated = store.pods().membershipVersion();
        store.pods().remove(p);
        long removed = store.pods().membershipVersion();
        assertEquals(List.of(true, false, true), List.of(created != start, updated != created, removed != updated));
    }
}
