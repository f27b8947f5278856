package io.kubesim.controllers.statefulset;

import static io.kubesim.testing.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.PersistentVolumeClaimRetentionPolicy;
import io.kubesim.api.PodManagementPolicy;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.Fixtures;
import io.kubesim.testing.PodStates;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet sync reads its pods from a view kept in line with the pod writes
 * ({@link StatefulSetPods}) instead of walking every pod of the set (k8s-semantics.md 11.3, 11.5
 * say what it reads). The view must hold, at every sync, what the walk over the owner index finds.
 */
class StatefulSetPodsTest {
    private static final PodTemplate TEMPLATE = Fixtures.pod("t").label("app", "db")
            .container(Fixtures.container("app").image("db:1").cpu("100m").memory("64Mi")).template();

    @Test
    @DisplayName("on 150 random churning clusters, a kept view equals a walk over the set's pods at every read, "
            + "and is kept rather than rebuilt while the set's range, minReadySeconds and revision stay")
    void keptViewEqualsWalk() {
        // The controller's own views are checked by an assertion at each of its syncs (this test runs
        // them too, so it needs -ea); the view read here is checked explicitly.
        assertTrue(StatefulSetPods.class.desiredAssertionStatus(), "tests run with assertions enabled");
        int reads = 0;
        int kept = 0;
        for (long seed = 1; seed <= 150; seed++) {
            TestCluster c = new TestCluster(seed);
            c.add(node("n-0").cpu("64").memory("256Gi").maxPods(1000).build());
            new StatefulSetController(c.store, c.events, 0, StatefulSetClaims.NONE, StatefulSetFeatures.DEFAULT).start();
            Random rnd = new Random(seed);
            List<StatefulSet> sets = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sets.add(c.store.statefulSets().create(set("db" + i, 2 + rnd.nextInt(8),
                        i == 0 ? PodManagementPolicy.PARALLEL : PodManagementPolicy.ORDERED_READY,
                        StatefulSetUpdateStrategy.rolling(rnd.nextInt(3), IntOrPercent.ofInt(1 + rnd.nextInt(3))),
                        rnd.nextInt(3), rnd.nextInt(3))));
            }
            StatefulSetPods reader = new StatefulSetPods(c.store);
            reader.start();
            StatefulSetPods.View[] last = new StatefulSetPods.View[sets.size()];
            for (int step = 0; step < 160; step++) {
                int at = step;
                c.sim.schedule(SimTime.millis(250) * rnd.nextInt(160), () -> write(c, rnd, sets, at));
            }
            for (int t = 0; t < 50; t++) {
                c.runFor(SimTime.millis(800));
                for (int i = 0; i < sets.size(); i++) {
                    StatefulSet s = sets.get(i);
                    StatefulSetPods.View v = reader.beginSync(s, s.updateRevision());
                    assertTrue(reader.matchesStore(s, v), "seed " + seed + ", " + s.name() + " at "
                            + SimTime.format(c.sim.now()));
                    reads++;
                    kept += v == last[i] ? 1 : 0;
                    last[i] = v;
                    reader.endSync();
                }
            }
        }
        assertTrue(kept > reads / 3, kept + " of " + reads + " reads found the view kept");
    }

    @Test
    @DisplayName("a sync's own writes wait until it ends: during it the view is the pods as the sync found them")
    void syncSeesItsStart() {
        TestCluster c = new TestCluster(1);
        StatefulSet s = threeUp(c);
        StatefulSetPods reader = new StatefulSetPods(c.store);
        reader.start();
        StatefulSetPods.View v = reader.beginSync(s, s.updateRevision());
        Pod db1 = c.pod("db-1");
        assertSame(db1, v.replicas[1]);
        c.store.pods().remove(db1);
        assertSame(db1, v.replicas[1], "removed during the sync: still there until it ends");
        assertEquals(3, reader.statusCounts(v, s.currentRevision(), s.updateRevision()).created(),
                "the status counts the pods the sync read");
        Pod db0 = c.pod("db-0");
        Map<String, String> labels = new java.util.TreeMap<>(db0.metadata().labels());
        labels.put(StatefulPodIdentity.LABEL_REVISION, "older");
        PodStates.labels(c.store, db0, labels);
        assertEquals(2, reader.statusCounts(v, s.currentRevision(), s.updateRevision()).updated(),
                "but as they are now: db-0 was given another revision during the sync");
        reader.endSync();
        StatefulSetPods.View after = reader.beginSync(s, s.updateRevision());
        assertSame(v, after, "the view is kept");
        assertEquals(null, after.replicas[1], "and the removal counted once the sync ended");
        assertEquals(1, reader.statusCounts(after, s.currentRevision(), s.updateRevision()).updated());
        assertTrue(reader.matchesStore(s, after));
        reader.endSync();
    }

    @Test
    @DisplayName("k8s-semantics.md 11.2: db-01 parses as ordinal 1 like db-1; with both, the sync reads them as "
            + "the walk does (the later one holds the ordinal, both count in status.replicas)")
    void twoPodsOfOneOrdinal() {
        TestCluster c = new TestCluster(1);
        StatefulSet s = threeUp(c);
        Pod twin = c.add(sibling(c, s, "db-01"));
        c.runFor(SimTime.seconds(1));
        assertEquals(4, s.statusReplicas(), "db-0, db-1, db-01 and db-2 all count");
        StatefulSetPods reader = new StatefulSetPods(c.store);
        reader.start();
        StatefulSetPods.View v = reader.beginSync(s, s.updateRevision());
        assertSame(twin, v.replicas[1], "the later pod of ordinal 1 in the owner index");
        int updated = reader.statusCounts(v, s.currentRevision(), s.updateRevision()).updated();
        Map<String, String> labels = new java.util.TreeMap<>(twin.metadata().labels());
        labels.put(StatefulPodIdentity.LABEL_REVISION, "older");
        PodStates.labels(c.store, twin, labels);
        assertEquals(updated - 1, reader.statusCounts(v, s.currentRevision(), s.updateRevision()).updated(),
                "a view rebuilt at each sync still counts the sync's own writes");
        reader.endSync();
        s.setReplicas(1);
        c.store.statefulSets().update(s);
        c.runFor(SimTime.seconds(1));
        assertEquals(List.of("db-2", "db-1", "db-01"), c.events("SuccessfulDelete").stream()
                .map(e -> e.message().split(" ")[2]).toList(), "the condemned, highest ordinal first, the two of "
                + "ordinal 1 in the owner index's order");
    }

    /** A node, the controller, and db: 3 replicas under Parallel, created a second ago. */
    private static StatefulSet threeUp(TestCluster c) {
        c.add(node("n-0").cpu("64").memory("256Gi").maxPods(1000).build());
        new StatefulSetController(c.store, c.events, 0).start();
        StatefulSet s = c.store.statefulSets().create(set("db", 3, PodManagementPolicy.PARALLEL,
                StatefulSetUpdateStrategy.DEFAULT, 0, 0));
        c.runFor(SimTime.seconds(1));
        return s;
    }

    /** A pod of the set, owned by it, named as given. */
    private static Pod sibling(TestCluster c, StatefulSet s, String name) {
        ObjectMeta meta = new ObjectMeta("default", name, c.store.newUid());
        meta.setLabels(Map.of("app", "db", StatefulPodIdentity.LABEL_REVISION, s.updateRevision()));
        meta.setOwner(new OwnerReference(StatefulSet.KIND, s.name(), s.metadata().uid()));
        return new Pod(meta, s.template().spec(), c.sim.now());
    }

    /** One random write: a pod started, flipped, deleted, removed, ended or given another revision label; a set scaled or given a new template; a twin pod. */
    private static void write(TestCluster c, Random rnd, List<StatefulSet> sets, int step) {
        StatefulSet s = sets.get(rnd.nextInt(sets.size()));
        List<Pod> pods = new ArrayList<>(c.store.podsByOwner().get(s.metadata().uid()));
        Pod p = pods.isEmpty() ? null : pods.get(rnd.nextInt(pods.size()));
        int action = rnd.nextInt(9);
        if (action < 4 && p != null) {
            if (action == 0 && c.store.pods().contains(p) && !p.isTerminal()) {
                PodStates.running(c.store, p, "10.0.1." + step % 250, rnd.nextInt(4) > 0);
            } else {
                PodStates.lifecycleStep(c.store, p, action, rnd);
            }
        } else if (action == 4 && p != null && c.store.pods().contains(p)) {
            Map<String, String> labels = new java.util.TreeMap<>(p.metadata().labels());
            labels.put(StatefulPodIdentity.LABEL_REVISION, rnd.nextBoolean() ? "other" : s.updateRevision());
            PodStates.labels(c.store, p, labels);
        } else if (action == 5) {
            s.setReplicas(rnd.nextInt(10));
            c.store.statefulSets().update(s);
        } else if (action == 6) {
            s.setTemplate(s.template().withSpec(s.template().spec().withContainers(List.of(
                    s.template().spec().containers().get(0).withImage("db:" + rnd.nextInt(3))))));
            c.store.statefulSets().update(s);
        } else if (action == 7 && rnd.nextInt(4) == 0) {
            String name = s.name() + "-0" + rnd.nextInt(10);
            if (c.store.pods().get("default", name) == null) {
                c.add(sibling(c, s, name));
            }
        } else if (action == 8 && p != null && c.store.pods().contains(p) && p.phase() != io.kubesim.cluster.PodPhase.RUNNING
                && !p.isTerminal()) {
            PodStates.running(c.store, p, "10.0.2." + step % 250, true);
        }
    }

    private static StatefulSet set(String name, int replicas, PodManagementPolicy policy,
                                   StatefulSetUpdateStrategy strategy, int minReadySeconds, int ordinalsStart) {
        return new StatefulSet(new ObjectMeta("default", name, "uid-" + name), LabelSelector.of(Map.of("app", "db")),
                TEMPLATE, replicas, policy, strategy, minReadySeconds, 2, name, ordinalsStart,
                PersistentVolumeClaimRetentionPolicy.RETAIN, List.of());
    }
}
