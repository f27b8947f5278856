package io.kubesim.controllers.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.AccessMode;
import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.NodeSelectorTerm;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.PodVolume;
import io.kubesim.api.Requirement;
import io.kubesim.api.Resources;
import io.kubesim.api.SelectorOperator;
import io.kubesim.api.VolumeBindingMode;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.scheduler.SchedulingDecision;
import io.kubesim.scheduler.plugins.VolumeBinding;
import io.kubesim.scheduler.plugins.VolumeRestrictions;
import io.kubesim.scheduler.plugins.VolumeZone;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Volumes as they affect scheduling and recovery (k8s-semantics.md 14), through the whole engine:
 * binding modes, the volume filters' messages, zone failures and the attach/detach controller's
 * 6-minute wait. Nodes are named {@code n-1, n-2, ...} and take the pool's zones in turn.
 */
class VolumeSchedulingTest {
    private static final Resources NODE = Resources.of(8000, 32L << 30);
    private static final long GIB = 1L << 30;
    private static final String CSI = "ebs.csi.aws.com";

    // ---- fixtures -----------------------------------------------------------------------------

    private static NodePool pool(int count, String... zones) {
        return new NodePool("n", count, NODE, 110, Map.of(), List.of(), List.of(zones));
    }

    private static Manifest.StorageClassManifest storageClass(String name, VolumeBindingMode mode, String provisioner) {
        return new Manifest.StorageClassManifest(name, provisioner, "Delete", mode, List.of(), false,
                Manifest.Origin.UNKNOWN);
    }

    private static Manifest.PersistentVolumeClaimManifest claim(String name, String storageClass, AccessMode mode) {
        return new Manifest.PersistentVolumeClaimManifest("default", name, Map.of(), Map.of(), storageClass,
                List.of(mode), 10 * GIB, "", null, Manifest.Origin.UNKNOWN);
    }

    private static Manifest.PersistentVolumeManifest zonalVolume(String name, String zone, boolean asLabel) {
        NodeSelectorTerm term = new NodeSelectorTerm(List.of(new Requirement(Node.LABEL_ZONE, SelectorOperator.IN,
                List.of(zone))), List.of());
        return new Manifest.PersistentVolumeManifest(name, asLabel ? Map.of(Node.LABEL_ZONE, zone) : Map.of(),
                20 * GIB, List.of(AccessMode.READ_WRITE_ONCE), "", "Retain", asLabel ? List.of() : List.of(term), "",
                true, Manifest.Origin.UNKNOWN);
    }

    private static PodSpec spec(String claim, Map<String, String> nodeSelector) {
        Container c = new Container("app", "app:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(), null,
                null, null, null, false);
        PodSpec base = PodSpec.of(List.of(c));
        return new PodSpec(base.containers(), List.of(), nodeSelector, base.affinity(), List.of(), List.of(), "", null,
                false, 30, "", "", "Always", Resources.NONE, false, List.of(),
                List.of(new PodVolume("data", claim, false)));
    }

    private static Manifest.PodManifest pod(String name, String claim) {
        return new Manifest.PodManifest("default", name, Map.of("app", name), Map.of(), spec(claim, Map.of()),
                Manifest.Origin.UNKNOWN);
    }

    private static Manifest.DeploymentManifest deployment(String name, String claim) {
        PodTemplate t = new PodTemplate(Map.of("app", name), Map.of(), spec(claim, Map.of()));
        return new Manifest.DeploymentManifest("default", name, Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", name)), t, 1, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600, false,
                Manifest.Origin.UNKNOWN);
    }

    private static ClusterSimulation simulation(NodePool pool, List<Manifest> manifests, List<TimelineAction> timeline) {
        SimulationSpec spec = new SimulationSpec("volumes", 1, SimTime.minutes(30), SimTime.seconds(1), List.of(pool),
                manifests, Map.of(), ApplicationModel.DEFAULT, timeline);
        return new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
    }

    private static void runTo(ClusterSimulation sim, double seconds) {
        sim.run(SimTime.ofSeconds(seconds));
    }

    private static List<ClusterEvent> events(ClusterSimulation sim, String reason, String object) {
        List<ClusterEvent> out = new ArrayList<>();
        for (ClusterEvent e : sim.events().events()) {
            if (e.reason().equals(reason) && e.object().contains(object)) {
                out.add(e);
            }
        }
        return out;
    }

    private static ClusterEvent first(ClusterSimulation sim, String reason, String object) {
        List<ClusterEvent> es = events(sim, reason, object);
        assertFalse(es.isEmpty(), "no " + reason + " event for " + object + " in " + sim.events().events());
        return es.get(0);
    }

    private static PersistentVolumeClaim claim(ClusterSimulation sim, String name) {
        return sim.store().persistentVolumeClaims().get("default", name);
    }

    private static PersistentVolume volumeOf(ClusterSimulation sim, String claim) {
        return sim.store().persistentVolumes().get(claim(sim, claim).volumeName());
    }

    private static String zoneOf(PersistentVolume pv) {
        return pv.nodeAffinity().get(0).matchExpressions().get(0).values().get(0);
    }

    private static List<Pod> podsOf(ClusterSimulation sim, String app) {
        List<Pod> out = new ArrayList<>();
        for (Pod p : sim.store().pods().list()) {
            if (app.equals(p.metadata().labels().get("app"))) {
                out.add(p);
            }
        }
        return out;
    }

    // ---- 14.3 filters -------------------------------------------------------------------------

    @Test
    @DisplayName("k8s-semantics.md 14.3: a bound volume labelled for another zone leaves the pod Pending with "
            + "VolumeZone's message on every zoned node")
    void volumeZoneConflict() {
        ClusterSimulation sim = simulation(pool(2, "b", "c"), List.of(zonalVolume("pv-a", "a", true),
                claim("data", "", AccessMode.READ_WRITE_ONCE), pod("web", "data")), List.of());
        runTo(sim, 30);
        assertTrue(claim(sim, "data").isBound(), "the static volume binds at once (class \"\")");
        Pod web = sim.store().pods().get("default", "web");
        assertFalse(web.isBound());
        assertTrue(first(sim, "FailedScheduling", "web").message()
                .startsWith("0/2 nodes are available: 2 " + VolumeZone.ERR_REASON_CONFLICT + "."));
    }

    @Test
    @DisplayName("k8s-semantics.md 14.3: a bound volume whose node affinity names another zone: VolumeBinding's "
            + "node affinity conflict")
    void volumeNodeAffinityConflict() {
        ClusterSimulation sim = simulation(pool(2, "b", "c"), List.of(zonalVolume("pv-a", "a", false),
                claim("data", "", AccessMode.READ_WRITE_ONCE), pod("web", "data")), List.of());
        runTo(sim, 30);
        assertTrue(first(sim, "FailedScheduling", "web").message()
                .startsWith("0/2 nodes are available: 2 " + VolumeBinding.ERR_NODE_CONFLICT + "."));
    }

    @Test
    @DisplayName("k8s-semantics.md 14.3: a ReadWriteOncePod claim in use keeps a second pod out, cluster-wide")
    void readWriteOncePod() {
        ClusterSimulation sim = simulation(pool(2, "a"), List.of(storageClass("std", VolumeBindingMode.IMMEDIATE, CSI),
                claim("data", "std", AccessMode.READ_WRITE_ONCE_POD), pod("one", "data")), List.of());
        runTo(sim, 60);
        assertTrue(sim.store().pods().get("default", "one").isBound());
        new PodAdmission(sim.store()).create(new Pod(new io.kubesim.cluster.ObjectMeta("default", "two",
                sim.store().newUid()), spec("data", Map.of()), sim.store().now()));
        runTo(sim, 90);
        assertFalse(sim.store().pods().get("default", "two").isBound());
        assertTrue(first(sim, "FailedScheduling", "two").message()
                .contains(VolumeRestrictions.ERR_READ_WRITE_ONCE_POD_CONFLICT));
    }

    @Test
    @DisplayName("k8s-semantics.md 14.3: a ReadWriteOncePod conflict is plain Unschedulable (Filter), so a "
            + "higher-priority pod preempts the lower-priority holder of the claim and then runs")
    void readWriteOncePodHolderIsPreempted() {
        ClusterSimulation sim = simulation(pool(2, "a"), List.of(storageClass("std", VolumeBindingMode.IMMEDIATE, CSI),
                claim("data", "std", AccessMode.READ_WRITE_ONCE_POD), pod("one", "data")), List.of());
        runTo(sim, 60);
        assertTrue(sim.store().pods().get("default", "one").isBound());
        new PodAdmission(sim.store()).create(new Pod(new io.kubesim.cluster.ObjectMeta("default", "two",
                sim.store().newUid()), spec("data", Map.of()).withPriority(1000, false), sim.store().now()));
        runTo(sim, 200);
        assertTrue(first(sim, "FailedScheduling", "two").message()
                .startsWith("0/2 nodes are available: 2 " + VolumeRestrictions.ERR_READ_WRITE_ONCE_POD_CONFLICT));
        assertNotNull(first(sim, "Preempted", "one"));
        Pod two = sim.store().pods().get("default", "two");
        assertTrue(two.isBound());
        assertEquals(PodPhase.RUNNING, two.phase());
    }

    @Test
    @DisplayName("k8s-semantics.md 8, 14.3: the cluster autoscaler's template-node check runs VolumeRestrictions too, "
            + "so a new node never helps a pod whose ReadWriteOncePod claim another pod holds")
    void readWriteOncePodConflictFitsNoTemplateNode() {
        ClusterSimulation sim = simulation(pool(2, "a"), List.of(storageClass("std", VolumeBindingMode.IMMEDIATE, CSI),
                claim("data", "std", AccessMode.READ_WRITE_ONCE_POD), pod("one", "data")), List.of());
        runTo(sim, 60);
        Pod two = new Pod(new io.kubesim.cluster.ObjectMeta("default", "two", sim.store().newUid()),
                spec("data", Map.of()), sim.store().now());
        io.kubesim.scheduler.framework.NodeInfo template = new io.kubesim.scheduler.framework.NodeInfo(
                sim.store().nodes().list().iterator().next());
        io.kubesim.autoscaler.TemplateNodeFilter filter = new io.kubesim.autoscaler.TemplateNodeFilter(sim.store());
        assertFalse(filter.fits(io.kubesim.scheduler.framework.PodInfo.of(two), template));
        sim.store().deletePod(sim.store().pods().get("default", "one"), 0L);
        runTo(sim, 120);
        assertTrue(filter.fits(io.kubesim.scheduler.framework.PodInfo.of(two), template), "once the holder is gone");
    }

    // ---- 14.1/14.2 binding modes --------------------------------------------------------------

    @Test
    @DisplayName("k8s-semantics.md 14.2: Immediate binding provisions before scheduling, in the zone chosen from the "
            + "claim's name; the pod waits with 'unbound immediate' and then goes to that zone")
    void immediateBindingBeforeScheduling() {
        ClusterSimulation sim = simulation(pool(3, "a", "b", "c"), List.of(
                storageClass("std", VolumeBindingMode.IMMEDIATE, CSI), claim("data", "std", AccessMode.READ_WRITE_ONCE),
                pod("web", "data")), List.of());
        runTo(sim, 120);
        assertTrue(first(sim, "FailedScheduling", "web").message().contains(VolumeBinding.ERR_UNBOUND_IMMEDIATE));
        ClusterEvent provisioned = first(sim, "ProvisioningSucceeded", "data");
        assertEquals("Successfully provisioned volume " + claim(sim, "data").volumeName(), provisioned.message());
        assertEquals(StorageConfig.DEFAULT_PROVISIONING_TIME.mean(), provisioned.time());
        assertNotNull(first(sim, "ExternalProvisioning", "data"));
        PersistentVolume pv = volumeOf(sim, "data");
        assertEquals(ZoneChooser.choose(List.of("a", "b", "c"), "data"), zoneOf(pv));
        Pod web = sim.store().pods().get("default", "web");
        assertTrue(first(sim, "Scheduled", "web").time() >= provisioned.time(), "scheduled only once bound");
        assertEquals(zoneOf(pv), sim.store().nodes().get(web.nodeName()).zone());
        assertEquals(PodPhase.RUNNING, web.phase());
    }

    @Test
    @DisplayName("k8s-semantics.md 14.2: WaitForFirstConsumer waits for the scheduler, provisions in the chosen "
            + "node's zone (selected-node annotation), and the pod is bound and runs after that")
    void waitForFirstConsumerProvisionsInTheNodesZone() {
        ClusterSimulation sim = simulation(pool(3, "a", "b", "c"), List.of(
                storageClass("wffc", VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER, CSI),
                claim("data", "wffc", AccessMode.READ_WRITE_ONCE), pod("web", "data")), List.of());
        runTo(sim, 120);
        ClusterEvent waiting = first(sim, "WaitForFirstConsumer", "data");
        assertEquals(PersistentVolumeController.MSG_WAIT_FOR_FIRST_CONSUMER, waiting.message());
        assertEquals(0, waiting.time());
        Pod web = sim.store().pods().get("default", "web");
        assertTrue(web.isBound());
        String node = claim(sim, "data").selectedNode();
        assertEquals(web.nodeName(), node);
        assertEquals(sim.store().nodes().get(node).zone(), zoneOf(volumeOf(sim, "data")));
        ClusterEvent provisioned = first(sim, "ProvisioningSucceeded", "data");
        assertTrue(first(sim, "Scheduled", "web").time() >= provisioned.time(), "bound only after the claim");
        assertTrue(first(sim, "SuccessfulAttachVolume", "web").time() > provisioned.time());
        assertEquals(PodPhase.RUNNING, web.phase());
    }

    @Test
    @DisplayName("k8s-semantics.md 14.1: a class nobody provisions and no matching volume: the claim stays Pending "
            + "with upstream's ProvisioningFailed, and a claim without class with FailedBinding")
    void unprovisionableClaimsStayPending() {
        ClusterSimulation sim = simulation(pool(1, "a"), List.of(
                storageClass("local", VolumeBindingMode.IMMEDIATE, "kubernetes.io/no-provisioner"),
                claim("data", "local", AccessMode.READ_WRITE_ONCE), claim("plain", "", AccessMode.READ_WRITE_ONCE),
                pod("web", "data")), List.of());
        runTo(sim, 60);
        assertFalse(claim(sim, "data").isBound());
        assertEquals("no volume plugin matched name: kubernetes.io/no-provisioner",
                first(sim, "ProvisioningFailed", "data").message());
        assertEquals(PersistentVolumeController.MSG_NO_CLASS, first(sim, "FailedBinding", "plain").message());
        assertFalse(sim.store().pods().get("default", "web").isBound());
        VolumeStats stats = sim.result().volumes();
        assertEquals(0, stats.claimsBound());
        assertEquals(2, stats.claimsPending());
        assertEquals(Map.of(first(sim, "FailedScheduling", "web").message(), 1L), stats.pendingForVolumes());
    }

    // ---- 14.6 recovery ------------------------------------------------------------------------

    @Test
    @DisplayName("k8s-semantics.md 14.6: after the zone of its volume fails, the replacement pod stays Pending with "
            + "the node affinity conflict on the other zones' nodes")
    void zoneFailureStrandsThePod() {
        ClusterSimulation sim = simulation(pool(3, "a", "b", "c"), List.of(
                storageClass("wffc", VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER, CSI),
                claim("data", "wffc", AccessMode.READ_WRITE_ONCE), deployment("web", "data")), List.of());
        runTo(sim, 60);
        // A first run finds the zone the volume went to; the same seed in a second run fails that zone.
        Pod original = podsOf(sim, "web").get(0);
        String zone = sim.store().nodes().get(original.nodeName()).zone();
        ClusterSimulation failed = simulation(pool(3, "a", "b", "c"), List.of(
                storageClass("wffc", VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER, CSI),
                claim("data", "wffc", AccessMode.READ_WRITE_ONCE), deployment("web", "data")),
                List.of(new TimelineAction.FailZone(SimTime.seconds(60), zone)));
        runTo(failed, 900);
        List<Pod> pods = podsOf(failed, "web");
        assertEquals(2, pods.size(), "the evicted pod stays Terminating on the dead node; one replacement");
        Pod replacement = pods.get(1);
        assertFalse(replacement.isBound());
        String msg = first(failed, "FailedScheduling", replacement.name()).message();
        assertTrue(msg.contains("2 " + VolumeBinding.ERR_NODE_CONFLICT), msg);
        SchedulingDecision last = failed.scheduler().decisionLog().last(replacement.metadata().key());
        assertNotNull(last);
        assertEquals(msg, last.message());
        assertEquals(Map.of(msg, 1L), failed.result().volumes().pendingForVolumes());
    }

    @Test
    @DisplayName("k8s-semantics.md 14.6: a Deployment pod with a ReadWriteOnce volume on a failed node: the "
            + "replacement waits with Multi-Attach 'already used by pod(s)' while the old pod object exists, then "
            + "maxWaitForUnmountDuration (6 min) after its deletion, then detach and attach")
    void multiAttachAfterNodeFailure() {
        ClusterSimulation sim = simulation(pool(2, "a"), List.of(
                storageClass("std", VolumeBindingMode.IMMEDIATE, CSI), claim("data", "std", AccessMode.READ_WRITE_ONCE),
                deployment("web", "data")), List.of());
        runTo(sim, 60);
        Pod old = podsOf(sim, "web").get(0);
        assertEquals(PodPhase.RUNNING, old.phase());
        String deadNode = old.nodeName();
        // Fail the node the pod runs on, through the timeline of a second run with the same seed.
        ClusterSimulation run = simulation(pool(2, "a"), List.of(
                storageClass("std", VolumeBindingMode.IMMEDIATE, CSI), claim("data", "std", AccessMode.READ_WRITE_ONCE),
                deployment("web", "data")),
                List.of(new TimelineAction.FailNodes(SimTime.seconds(60), "", 0, List.of(deadNode))));
        runTo(run, 600);
        List<Pod> pods = podsOf(run, "web");
        assertEquals(2, pods.size());
        Pod first = pods.get(0);
        Pod replacement = pods.get(1);
        assertTrue(first.metadata().isDeleting(), "evicted by the taint, Terminating on the dead node");
        assertTrue(replacement.isBound());
        String pv = claim(run, "data").volumeName();
        assertEquals("Multi-Attach error for volume \"" + pv + "\" Volume is already used by pod(s) " + first.name(),
                first(run, "FailedAttachVolume", replacement.name()).message());
        assertTrue(replacement.podIP().isEmpty(), "ContainerCreating: the volume is not attached");
        assertEquals(Map.of(VolumeStats.WAITING_FOR_ATTACH, 1L), run.result().volumes().pendingForVolumes());

        long deletedAt = SimTime.seconds(600);
        run.simulation().scheduleAt(deletedAt, () -> run.store().pods().remove(first)); // kubectl delete --force
        runTo(run, 600 + 359);
        assertTrue(events(run, "SuccessfulAttachVolume", replacement.name()).isEmpty(), "still waiting at 5m59s");
        runTo(run, 1500);
        long attachedAt = first(run, "SuccessfulAttachVolume", replacement.name()).time();
        assertEquals(deletedAt + AttachDetachController.MAX_WAIT_FOR_UNMOUNT + StorageConfig.DEFAULT_DETACH_TIME.mean()
                + StorageConfig.DEFAULT_ATTACH_TIME.mean(), attachedAt);
        assertEquals(PodPhase.RUNNING, replacement.phase());
        assertEquals(1, run.result().volumes().forcedDetaches());
    }

    @Test
    @DisplayName("k8s-semantics.md 14.6: with the node.kubernetes.io/out-of-service taint on the dead node, the "
            + "force-deleted pod's volume is detached without the 6-minute wait")
    void outOfServiceTaintSkipsTheWait() {
        List<Manifest> manifests = List.of(storageClass("std", VolumeBindingMode.IMMEDIATE, CSI),
                claim("data", "std", AccessMode.READ_WRITE_ONCE), deployment("web", "data"));
        ClusterSimulation probe = simulation(pool(2, "a"), manifests, List.of());
        runTo(probe, 60);
        String deadNode = podsOf(probe, "web").get(0).nodeName();
        ClusterSimulation run = simulation(pool(2, "a"), manifests,
                List.of(new TimelineAction.FailNodes(SimTime.seconds(60), "", 0, List.of(deadNode))));
        runTo(run, 600);
        Pod first = podsOf(run, "web").get(0);
        Pod replacement = podsOf(run, "web").get(1);
        long at = SimTime.seconds(600);
        run.simulation().scheduleAt(at, () -> {
            Node n = run.store().nodes().get(deadNode);
            n.addTaint(new io.kubesim.api.Taint(AttachDetachController.OUT_OF_SERVICE_TAINT, "nodeshutdown",
                    io.kubesim.api.TaintEffect.NO_EXECUTE));
            run.store().nodes().update(n);
            run.store().pods().remove(first);
        });
        runTo(run, 700);
        assertEquals(at + StorageConfig.DEFAULT_DETACH_TIME.mean() + StorageConfig.DEFAULT_ATTACH_TIME.mean(),
                first(run, "SuccessfulAttachVolume", replacement.name()).time());
        assertEquals(0, run.result().volumes().forcedDetaches(), "not a forced detach after the wait");
    }

    @Test
    @DisplayName("k8s-semantics.md 14.5: from a healthy node the volume detaches as soon as the old pod is gone")
    void healthyNodeDetachesQuickly() {
        ClusterSimulation sim = simulation(pool(2, "a"), List.of(
                storageClass("std", VolumeBindingMode.IMMEDIATE, CSI), claim("data", "std", AccessMode.READ_WRITE_ONCE),
                pod("one", "data")), List.of());
        runTo(sim, 60);
        Pod one = sim.store().pods().get("default", "one");
        String other = one.nodeName().equals("n-1") ? "n-2" : "n-1";
        sim.store().deletePod(one, 0L);
        new PodAdmission(sim.store()).create(new Pod(new io.kubesim.cluster.ObjectMeta("default", "two",
                sim.store().newUid()), spec("data", Map.of(Node.LABEL_HOSTNAME, other)), sim.store().now()));
        runTo(sim, 200);
        Pod two = sim.store().pods().get("default", "two");
        assertEquals(other, two.nodeName());
        long attachedAt = first(sim, "SuccessfulAttachVolume", "two").time();
        assertTrue(attachedAt < SimTime.seconds(60) + SimTime.seconds(30), "attached at " + attachedAt);
        assertEquals(PodPhase.RUNNING, two.phase());
        assertEquals(0, sim.result().volumes().forcedDetaches());
    }

    @Test
    @DisplayName("same scenario, same seed: the same events")
    void deterministic() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (List<String> out : List.of(a, b)) {
            ClusterSimulation sim = simulation(pool(3, "a", "b", "c"), List.of(
                    storageClass("wffc", VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER, CSI),
                    storageClass("std", VolumeBindingMode.IMMEDIATE, CSI),
                    claim("data", "wffc", AccessMode.READ_WRITE_ONCE), claim("logs", "std", AccessMode.READ_WRITE_ONCE),
                    deployment("web", "data"), deployment("api", "logs")),
                    List.of(new TimelineAction.FailZone(SimTime.seconds(60), "b")));
            runTo(sim, 900);
            for (ClusterEvent e : sim.events().events()) {
                out.add(e.toString());
            }
        }
        assertEquals(a, b);
    }
}
