package io.kubesim.scenarios.manifest;

import static io.kubesim.scenarios.manifest.ManifestLoaderTest.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.AccessMode;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodVolume;
import io.kubesim.api.VolumeBindingMode;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** StorageClasses, PersistentVolumes, PersistentVolumeClaims and pod claim volumes as read (k8s-semantics.md 14, 16). */
class StorageManifestsTest {
    private static final long GI = 1L << 30;

    private static String claim(String spec) {
        return "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n" + spec.indent(2);
    }

    private static String volume(String spec) {
        return "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv-1}\nspec:\n" + spec.indent(2);
    }

    private static String storageClass(String fields) {
        return "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: gp3\n"
                + "  annotations: {storageclass.kubernetes.io/is-default-class: \"true\"}\n" + fields;
    }

    @Test
    @DisplayName("14.2: a StorageClass with its binding mode, allowed topologies and the default-class annotation; "
            + "reclaimPolicy defaults to Delete")
    void storageClass() {
        var r = load(storageClass("""
                provisioner: ebs.csi.aws.com
                volumeBindingMode: WaitForFirstConsumer
                parameters: {type: gp3}
                allowedTopologies:
                  - matchLabelExpressions:
                      - {key: topology.kubernetes.io/zone, values: [eu-west-1a, eu-west-1b]}
                """));
        var sc = (Manifest.StorageClassManifest) r.value().get(0);
        assertEquals("gp3", sc.name());
        assertEquals("", sc.namespace(), "cluster-scoped");
        assertEquals("ebs.csi.aws.com", sc.provisioner());
        assertEquals(VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER, sc.bindingMode());
        assertEquals("Delete", sc.reclaimPolicy());
        assertTrue(sc.isDefault());
        assertEquals(List.of("eu-west-1a", "eu-west-1b"), sc.allowedTopologies().get(0).matchExpressions().get(0).values());
        assertEquals(List.of(), r.warnings(), "no 'not simulated' warning");
    }

    @Test
    @DisplayName("14.1, 16: a claim keeps an unset class apart from \"\"; its access modes and request are read")
    void claim() {
        var c = (Manifest.PersistentVolumeClaimManifest) load(claim("""
                accessModes: [ReadWriteOnce, ReadOnlyMany]
                resources: {requests: {storage: 10Gi}}
                """)).value().get(0);
        assertEquals("default", c.namespace());
        assertNull(c.storageClassName(), "unset: the DefaultStorageClass admission fills it");
        assertEquals(List.of(AccessMode.READ_WRITE_ONCE, AccessMode.READ_ONLY_MANY), c.accessModes());
        assertEquals(10 * GI, c.storageRequest());
        var none = (Manifest.PersistentVolumeClaimManifest) load(claim("""
                storageClassName: ""
                volumeName: pv-1
                accessModes: [ReadWriteOncePod]
                resources: {requests: {storage: 1Gi}}
                """)).value().get(0);
        assertEquals("", none.storageClassName());
        assertEquals("pv-1", none.volumeName());
    }

    @Test
    @DisplayName("16: a static PersistentVolume defaults to Retain; its node affinity and claimRef are read; a hostPath "
            + "volume is not attached, a CSI one is")
    void persistentVolume() {
        var pv = (Manifest.PersistentVolumeManifest) load(volume("""
                capacity: {storage: 20Gi}
                accessModes: [ReadWriteOnce]
                claimRef: {name: data}
                hostPath: {path: /data}
                nodeAffinity:
                  required:
                    nodeSelectorTerms:
                      - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [a]}]
                """)).value().get(0);
        assertEquals("", pv.namespace());
        assertEquals(20 * GI, pv.capacity());
        assertEquals("Retain", pv.reclaimPolicy());
        assertEquals("default/data", pv.claimRef());
        assertEquals("", pv.storageClassName());
        assertEquals(1, pv.nodeAffinity().size());
        assertEquals(false, pv.attachable());
        var csi = (Manifest.PersistentVolumeManifest) load(volume("""
                capacity: {storage: 20Gi}
                accessModes: [ReadWriteOnce]
                csi: {driver: ebs.csi.aws.com, volumeHandle: vol-123}
                """)).value().get(0);
        assertTrue(csi.attachable());
    }

    @Test
    @DisplayName("14: a pod's claim volumes are kept (others are not), without the old 'not simulated' warning")
    void podVolumes() {
        var r = load(ManifestLoaderTest.withPodSpecFields(
                "      volumes: [{name: d, persistentVolumeClaim: {claimName: data, readOnly: true}}, "
                        + "{name: tmp, emptyDir: {}}]\n") + "---\n"
                + claim("accessModes: [ReadWriteOnce]\nresources: {requests: {storage: 1Gi}}"));
        var d = (Manifest.DeploymentManifest) r.value().get(0);
        assertEquals(List.of(new PodVolume("d", "data", true)), d.template().spec().volumes());
        assertEquals(List.of(), r.warnings().stream().map(Diagnostic::format).toList());
    }

    @Test
    @DisplayName("14.3: a claim the input does not have is a warning at its name (the pods would stay Pending)")
    void missingClaimIsAWarning() {
        var r = load(ManifestLoaderTest.withPodSpecFields(
                "      volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]\n"));
        assertEquals(List.of("m.yaml:12:62: warning: Deployment \"web\" mounts PersistentVolumeClaim \"data\", which is "
                        + "not in the input: its pods stay Pending (persistentvolumeclaim \"data\" not found); add the "
                        + "claim's manifest if it exists on the cluster"),
                r.warnings().stream().map(Diagnostic::format).toList());
        var withClaim = load(ManifestLoaderTest.withPodSpecFields(
                "      volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]\n") + "---\n"
                + claim("accessModes: [ReadWriteOnce]\nresources: {requests: {storage: 1Gi}}"));
        assertEquals(List.of(), withClaim.warnings());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("claim without access modes", claim("resources: {requests: {storage: 1Gi}}"), 4, 1,
                        "spec.accessModes needs at least one of ReadWriteOnce, ReadOnlyMany, ReadWriteMany or "
                                + "ReadWriteOncePod"),
                Arguments.of("claim with an unknown access mode",
                        claim("accessModes: [ReadWriteSometimes]\nresources: {requests: {storage: 1Gi}}"), 5, 17,
                        "expected ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod, got "
                                + "\"ReadWriteSometimes\""),
                Arguments.of("claim without storage request", claim("accessModes: [ReadWriteOnce]\nresources: {}"), 6, 3,
                        "spec.resources.requests.storage is required (the API server refuses a claim without it)"),
                Arguments.of("claim with a zero request",
                        claim("accessModes: [ReadWriteOnce]\nresources: {requests: {storage: 0}}"), 6, 35,
                        "storage must be greater than zero, got 0"),
                Arguments.of("volume without capacity", volume("accessModes: [ReadWriteOnce]"), 4, 1,
                        "a PersistentVolume needs spec.capacity.storage (the API server refuses one without it)"),
                Arguments.of("volume with an unknown reclaim policy", volume(
                        "capacity: {storage: 1Gi}\naccessModes: [ReadWriteOnce]\npersistentVolumeReclaimPolicy: Keep"),
                        7, 34, "expected Retain, Delete or Recycle, got \"Keep\""),
                Arguments.of("class without provisioner", storageClass("reclaimPolicy: Delete\n"), 1, 1,
                        "a StorageClass needs a provisioner (e.g. ebs.csi.aws.com, or kubernetes.io/no-provisioner "
                                + "for volumes created by hand)"),
                Arguments.of("class with an unknown binding mode",
                        storageClass("provisioner: x\nvolumeBindingMode: Lazy\n"), 7, 20,
                        "expected Immediate or WaitForFirstConsumer, got \"Lazy\""),
                Arguments.of("pod volume without claimName", ManifestLoaderTest.withPodSpecFields(
                        "      volumes: [{name: d, persistentVolumeClaim: {readOnly: true}}]\n"), 12, 27,
                        "persistentVolumeClaim.claimName is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    @DisplayName("what the API server refuses is one located error")
    void badInputIsOneLocatedError(String name, String yaml, int line, int column, String message) {
        InputException e = assertThrows(InputException.class, () -> load(yaml));
        assertEquals(message, e.detail(), e.format());
        assertEquals(line, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
    }
}
