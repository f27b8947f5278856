package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Kubernetes documentation's EBS StorageClass (unmodified, test resource real-manifests/)
 * restricts volumes to {@code us-east-2c} with the EBS CSI driver's own key,
 * {@code topology.ebs.csi.aws.com/zone}. On a real cluster the driver's node plugin labels each
 * node with that key and its zone, so a claim of the class binds in us-east-2c and its pod runs
 * there (k8s-semantics.md 14.2, 14.3: allowedTopologies, VolumeBinding). kubesim's nodes carry only
 * {@code topology.kubernetes.io/zone}; the driver key is read as it. Before, no node matched and
 * the pod stayed Pending for ever, a failure no real cluster has.
 */
class CsiZoneTopologyTest {
    private static final String APP = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              storageClassName: ebs-sc
              resources: {requests: {storage: 4Gi}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: app}
            spec:
              containers:
                - {name: app, image: "nginx:1.27", volumeMounts: [{name: d, mountPath: /data}]}
              volumes:
                - {name: d, persistentVolumeClaim: {claimName: data}}
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"WaitForFirstConsumer (as written),WaitForFirstConsumer", "Immediate,Immediate"})
    @DisplayName("A claim of a class allowed in us-east-2c by the CSI driver's zone key binds there; its pod runs there")
    void boundInTheAllowedZone(String name, String mode) throws Exception {
        String sc = Files.readString(Path.of(Objects.requireNonNull(
                getClass().getResource("/real-manifests/k8s-website-storageclass-aws-ebs.yaml")).toURI()));
        Files.writeString(dir.resolve("sc.yaml"), sc.replace("WaitForFirstConsumer", mode));
        Files.writeString(dir.resolve("app.yaml"), APP);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: ebs}
                duration: 2m
                manifests: [sc.yaml, app.yaml]
                cluster:
                  nodePools:
                    - {name: pool, count: 3, allocatable: {cpu: "4", memory: 8Gi}, zones: [us-east-2a, us-east-2b, us-east-2c]}
                """);
        SimulationSpec spec = ScenarioLoader.load(file).value();
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());

        PersistentVolumeClaim claim = sim.store().persistentVolumeClaims().get("default", "data");
        assertTrue(claim.isBound(), "claim bound");
        PersistentVolume pv = sim.store().persistentVolumes().get("", claim.volumeName());
        assertEquals("[us-east-2c]", pv.nodeAffinity().get(0).matchExpressions().get(0).values().toString());
        Pod pod = sim.store().pods().get("default", "app");
        assertEquals("us-east-2c", sim.store().nodes().get("", pod.nodeName()).zone());
        assertTrue(pod.isReady(), "pod Ready");
    }
}
