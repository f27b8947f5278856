package io.kubesim.controllers.statefulset;

import static io.kubesim.controllers.statefulset.StatefulSetRun.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.IntOrPercent;
import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.KubeletConfig;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The controller built with what ClusterSimulation does not choose: the feature gates of older
 * releases and a {@link StatefulSetClaims} that records what it is asked. The real engine and
 * kubelets run on one large node; pods are bound as soon as they appear.
 */
class StatefulSetHarnessTest {
    private final Simulation sim = new Simulation(7);
    private final ClusterStore store = new ClusterStore(sim);
    private final EventRecorder events = new EventRecorder(sim, true);

    private StatefulSet start(StatefulSetClaims claims, StatefulSetFeatures features, Manifest.StatefulSetManifest m) {
        ClusterBootstrap bootstrap = new ClusterBootstrap(store);
        bootstrap.addNodes(new NodePool("node", 1, Resources.of(1_000_000, 1L << 50), 1000, Map.of(), List.of(),
                List.of()), 1);
        bootstrap.apply(List.of());
        new StatefulSetController(store, events, 0, claims, features).start();
        new Kubelets(store, events, new Counters(), KubeletConfig.DEFAULT,
                new ApplicationCatalog(store, Map.of(), ApplicationModel.DEFAULT)).start();
        store.pods().watch((type, pod) -> {
            if (!pod.isBound() && store.pods().contains(pod) && !pod.metadata().isDeleting()) {
                pod.bind("node-1", sim.now());
                store.pods().update(pod);
            }
        });
        return bootstrap.createStatefulSet(m);
    }

    private List<ClusterEvent> events(String reason) {
        return events.events().stream().filter(e -> e.reason().equals(reason)).toList();
    }

    @Test
    @DisplayName("k8s-semantics.md 11.5: without MaxUnavailableStatefulSet (before 1.35) maxUnavailable is ignored: "
            + "one pod at a time, each after the one above is back Running and Ready")
    void gateOffUpdatesOneAtATime() {
        StatefulSet web = start(StatefulSetClaims.NONE, StatefulSetFeatures.UP_TO_1_34,
                set("web", 3).strategy(StatefulSetUpdateStrategy.rolling(0, IntOrPercent.ofInt(3))).build());
        sim.runUntil(SimTime.minutes(1));
        web.setTemplate(web.template().withAnnotation("kubectl.kubernetes.io/restartedAt", "now"));
        store.statefulSets().update(web);
        sim.runUntil(SimTime.minutes(5));
        List<ClusterEvent> deletes = events("SuccessfulDelete");
        assertEquals(List.of("delete Pod web-2 in StatefulSet web successful",
                "delete Pod web-1 in StatefulSet web successful", "delete Pod web-0 in StatefulSet web successful"),
                deletes.stream().map(ClusterEvent::message).toList());
        Pod web2 = store.pods().get("default", "web-2");
        assertTrue(deletes.get(1).time() >= web2.readyCondition().lastTransitionTime(),
                "web-1 waits for the new web-2 to be Ready");
        assertEquals(web.updateRevision(), web.currentRevision());
    }

    /** Records each call; refuses the claims of one ordinal. */
    private static final class RecordingClaims implements StatefulSetClaims {
        final List<String> calls = new ArrayList<>();
        int refuse = -1;

        @Override
        public List<ClaimOutcome> createMissing(StatefulSet set, int ordinal, String podName) {
            calls.add("create " + podName);
            String claim = "www-" + set.name() + "-" + ordinal;
            if (ordinal == refuse) {
                return List.of(new ClaimOutcome(claim, "pvc " + claim + " is being deleted"));
            }
            return calls.stream().filter(c -> c.equals("create " + podName)).count() == 1
                    ? List.of(new ClaimOutcome(claim, null)) : List.of();
        }

        @Override
        public void condemned(StatefulSet set, int ordinal, Pod pod) {
            calls.add("condemned " + pod.name());
        }

        @Override
        public void setDeleted(StatefulSet set) {
            calls.add("deleted " + set.name());
        }
    }

    @Test
    @DisplayName("k8s-semantics.md 11.2, 11.4, 11.8: claims are created before each pod, with upstream's event; "
            + "scale-down hands each condemned pod to the retention policy")
    void claimsBeforePodsAndOnScaleDown() {
        RecordingClaims claims = new RecordingClaims();
        StatefulSet web = start(claims, StatefulSetFeatures.DEFAULT, set("web", 2).build());
        sim.runUntil(SimTime.minutes(1));
        assertEquals("create web-0", claims.calls.get(0));
        List<ClusterEvent> created = events("SuccessfulCreate");
        assertEquals(List.of("create Claim www-web-0 Pod web-0 in StatefulSet web success",
                "create Pod web-0 in StatefulSet web successful",
                "create Claim www-web-1 Pod web-1 in StatefulSet web success",
                "create Pod web-1 in StatefulSet web successful"), created.stream().map(ClusterEvent::message).toList());
        web.setReplicas(0);
        store.statefulSets().update(web);
        sim.runUntil(SimTime.minutes(3));
        assertEquals(List.of("condemned web-1", "condemned web-0"),
                claims.calls.stream().filter(c -> c.startsWith("condemned")).toList());
        store.statefulSets().remove(web);
        sim.runUntil(SimTime.minutes(4));
        assertEquals("deleted web", claims.calls.get(claims.calls.size() - 1));
    }

    @Test
    @DisplayName("k8s-semantics.md 11.2, 11.8: a refused claim keeps its pod from being created (FailedCreate for the "
            + "claim), and under OrderedReady halts the set")
    void refusedClaimBlocksThePod() {
        RecordingClaims claims = new RecordingClaims();
        claims.refuse = 1;
        start(claims, StatefulSetFeatures.DEFAULT, set("web", 3).build());
        sim.runUntil(SimTime.minutes(2));
        assertNull(store.pods().get("default", "web-1"));
        assertNull(store.pods().get("default", "web-2"));
        ClusterEvent failed = events("FailedCreate").get(0);
        assertTrue(failed.warning());
        assertEquals("create Claim www-web-1 for Pod web-1 in StatefulSet web failed error: pvc www-web-1 is being "
                + "deleted", failed.message());
    }
}
