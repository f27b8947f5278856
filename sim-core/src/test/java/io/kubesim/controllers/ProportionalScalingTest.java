package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventRecorder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Proportional scaling during a rollout, the worked examples of k8s-semantics.md 2.7. */
class ProportionalScalingTest {
    private final ControllerHarness h = new ControllerHarness();

    private ReplicaSet rs(Deployment d, String name, int replicas, int available, int maxAnnotation, long created) {
        h.sim.runUntil(created);
        ObjectMeta m = new ObjectMeta("default", name, h.store.newUid());
        m.setOwner(new OwnerReference(Deployment.KIND, d.name(), d.metadata().uid()));
        m.putAnnotation(ReplicaSet.ANNOTATION_MAX_REPLICAS, Integer.toString(maxAnnotation));
        ReplicaSet r = new ReplicaSet(m, LabelSelector.of(Map.of("app", "web")), d.template(), replicas, 0);
        r.setStatus(replicas, replicas, available, available, 1);
        return h.store.replicaSets().create(r);
    }

    private Deployment deployment(int replicas, String surge, String unavailable) {
        Manifest.DeploymentManifest m = ControllerHarness.deployment("web", replicas,
                ControllerHarness.rolling(surge, unavailable));
        return h.create(m);
    }

    @Test
    @DisplayName("5 → 10 with maxSurge 0: new RS 2 and old RS 3 (max-replicas 5) become new 4 and old 6")
    void scaleUp() {
        Deployment d = deployment(5, "0", "1");
        ReplicaSet old = rs(d, "web-old", 3, 3, 5, SimTime.seconds(1));
        ReplicaSet neu = rs(d, "web-new", 2, 0, 5, SimTime.seconds(2));
        d.setReplicas(10);
        new ProportionalScaling(new ReplicaSetScaler(h.store, new EventRecorder(h.sim, false))).scale(d, neu, List.of(old));
        assertEquals(4, neu.replicas());
        assertEquals(6, old.replicas());
    }

    @Test
    @DisplayName("13 → 8 with maxSurge 0: new 2, v2 8, v1 3 (max-replicas 13) become new 1, v2 5, v1 2")
    void scaleDown() {
        Deployment d = deployment(13, "0", "1");
        ReplicaSet v1 = rs(d, "web-v1", 3, 3, 13, SimTime.seconds(1));
        ReplicaSet v2 = rs(d, "web-v2", 8, 8, 13, SimTime.seconds(2));
        ReplicaSet neu = rs(d, "web-new", 2, 0, 13, SimTime.seconds(3));
        d.setReplicas(8);
        new ProportionalScaling(new ReplicaSetScaler(h.store, new EventRecorder(h.sim, false)))
                .scale(d, neu, List.of(v1, v2));
        assertEquals(1, neu.replicas());
        assertEquals(5, v2.replicas());
        assertEquals(2, v1.replicas());
    }
}
