package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.PodVolume;
import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A StatefulSet's volumeClaimTemplates through the whole engine (k8s-semantics.md 11.2, 11.4,
 * 14.1, 14.2): each ordinal's claim is created before its pod, bound by the PV controller, mounted
 * as the template's volume, and kept or deleted on scale-down as the retention policy says.
 */
class StatefulSetClaimsRunTest {
    private static final String WEB = """
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: zonal}
            provisioner: ebs.csi.aws.com
            volumeBindingMode: WaitForFirstConsumer
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: web}
            spec:
              replicas: 3
              serviceName: web
              selector: {matchLabels: {app: web}}
              persistentVolumeClaimRetentionPolicy: {whenScaled: WHEN_SCALED}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: "nginx:1.27"
                      volumeMounts: [{name: data, mountPath: /data}]
              volumeClaimTemplates:
                - metadata: {name: data, labels: {tier: storage}}
                  spec:
                    storageClassName: zonal
                    accessModes: [ReadWriteOnce]
                    resources: {requests: {storage: 10Gi}}
            """;

    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: t}
            duration: 20m
            manifests: [web.yaml]
            cluster:
              nodePools:
                - name: pool-a
                  count: 3
                  allocatable: {cpu: "4", memory: 16Gi}
                  zones: [zone-a, zone-b, zone-c]
            timeline: TIMELINE
            """;

    @TempDir
    Path dir;

    private ClusterSimulation run(String whenScaled, String timeline) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), WEB.replace("WHEN_SCALED", whenScaled));
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO.replace("TIMELINE", timeline));
        SimulationSpec spec = ScenarioLoader.load(file).value();
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        return sim;
    }

    private static long firstTime(ClusterSimulation sim, String reason, String messagePart) {
        for (ClusterEvent e : sim.events().events()) {
            if (e.reason().equals(reason) && e.message().contains(messagePart)) {
                return e.time();
            }
        }
        throw new AssertionError("no " + reason + " event with \"" + messagePart + "\" in " + sim.events().events());
    }

    @Test
    @DisplayName("11.2, 14.1: data-web-0..2 are created before their pods, bound, and mounted as the pods' volume data")
    void claimsBeforePods() throws Exception {
        ClusterSimulation sim = run("Retain", "[]");
        for (int i = 0; i < 3; i++) {
            String claimName = "data-web-" + i;
            PersistentVolumeClaim c = sim.store().persistentVolumeClaims().get("default", claimName);
            assertNotNull(c, claimName);
            assertTrue(c.isBound(), claimName + " is bound");
            assertEquals(Map.of("app", "web", "tier", "storage"), c.metadata().labels(),
                    "the template's labels plus the set's matchLabels");
            long claimCreated = firstTime(sim, "SuccessfulCreate", "create Claim " + claimName + " Pod web-" + i
                    + " in StatefulSet web success");
            long podCreated = firstTime(sim, "SuccessfulCreate", "create Pod web-" + i + " in StatefulSet web");
            assertTrue(claimCreated <= podCreated, claimName + " at " + claimCreated + ", pod at " + podCreated);
            Pod pod = sim.store().pods().get("default", "web-" + i);
            assertEquals(List.of(new PodVolume("data", claimName, false)), pod.spec().volumes());
            assertTrue(pod.isReady(), pod.name() + " is Ready");
        }
    }

    @ParameterizedTest(name = "storage.defaultStorageClass: {0}")
    @CsvSource({"true, true", "false, false"})
    @DisplayName("14.1: a template without storageClassName gets the cluster's default class (standard) and binds; "
            + "without a default class its claims wait for a PersistentVolume and the pod stays Pending")
    void templateWithoutAClass(boolean defaultClass, boolean bound) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), WEB.replace("WHEN_SCALED", "Retain")
                .replace("        storageClassName: zonal\n", ""));
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO.replace("TIMELINE", "[]")
                + "storage: {defaultStorageClass: " + defaultClass + "}\n");
        SimulationSpec spec = ScenarioLoader.load(file).value();
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        PersistentVolumeClaim c = sim.store().persistentVolumeClaims().get("default", "data-web-0");
        assertEquals(bound, c.isBound());
        assertEquals(bound ? "standard" : null, c.storageClassName());
        assertEquals(bound, sim.store().pods().get("default", "web-0").isReady());
        if (!bound) {
            firstTime(sim, "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
        }
    }

    @ParameterizedTest(name = "whenScaled: {0}")
    @CsvSource({"Delete, false", "Retain, true"})
    @DisplayName("11.4: scaling down to 2 deletes data-web-2 with whenScaled: Delete and keeps it with Retain")
    void scaleDown(String whenScaled, boolean kept) throws Exception {
        ClusterSimulation sim = run(whenScaled, "[{at: 5m, scale: {statefulset: web, replicas: 2}}]");
        assertNull(sim.store().pods().get("default", "web-2"));
        assertEquals(kept, sim.store().persistentVolumeClaims().get("default", "data-web-2") != null);
        assertNotNull(sim.store().persistentVolumeClaims().get("default", "data-web-1"));
    }

    @Test
    @DisplayName("11.4, 14.3: a pod re-created after a scale-down and up reuses its retained claim, volume and zone")
    void recreatedPodReusesItsClaim() throws Exception {
        ClusterSimulation before = run("Retain", "[]");
        PersistentVolumeClaim first = before.store().persistentVolumeClaims().get("default", "data-web-2");
        String zone = zoneOf(before, before.store().pods().get("default", "web-2"));
        ClusterSimulation sim = run("Retain", "[{at: 5m, scale: {statefulset: web, replicas: 2}}, "
                + "{at: 10m, scale: {statefulset: web, replicas: 3}}]");
        PersistentVolumeClaim claim = sim.store().persistentVolumeClaims().get("default", "data-web-2");
        assertEquals(first.volumeName(), claim.volumeName(), "the same PV");
        assertEquals(1, sim.events().events().stream().filter(e -> e.message().startsWith(
                "create Claim data-web-2 ")).count(), "the claim is created once");
        Pod pod = sim.store().pods().get("default", "web-2");
        assertTrue(pod.isReady());
        assertTrue(pod.metadata().creationTimestamp() >= SimTime.minutes(10), "re-created after the scale-up");
        assertEquals(zone, zoneOf(sim, pod), "the volume's zone");
        PersistentVolume pv = sim.store().persistentVolumes().get(claim.volumeName());
        assertFalse(pv.nodeAffinity().isEmpty(), "a zonal volume");
    }

    private static String zoneOf(ClusterSimulation sim, Pod pod) {
        return sim.store().nodes().get(pod.nodeName()).zone();
    }
}
