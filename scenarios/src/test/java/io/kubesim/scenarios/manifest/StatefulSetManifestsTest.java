package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubesim.api.IntOrPercent;
import io.kubesim.api.Manifest;
import io.kubesim.api.PersistentVolumeClaimRetentionPolicy;
import io.kubesim.api.PodManagementPolicy;
import io.kubesim.api.Resources;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.api.VolumeBindingMode;
import io.kubesim.api.VolumeClaimTemplate;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.SharedFiles;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * StatefulSets as the loader reads them (k8s-semantics.md 11.1 defaults, 16.3 empty-versus-absent,
 * 16.4 apps/v1beta1), the API server's refusals as located errors, and the real manifests that
 * use StatefulSets running with their pods.
 */
class StatefulSetManifestsTest {
    private static final String HEAD = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: web}
            spec:
              serviceName: web
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "nginx:1.27"}]}
            """;

    private static Manifest.StatefulSetManifest load(String yaml) {
        List<Manifest> ms = new ManifestLoader().loadText("m.yaml", yaml).value();
        return (Manifest.StatefulSetManifest) ms.stream().filter(m -> m instanceof Manifest.StatefulSetManifest)
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("k8s-semantics.md 11.1: nothing written → 1 replica (null until defaulted), OrderedReady, "
            + "RollingUpdate partition 0 maxUnavailable 1, revisionHistoryLimit 10, minReadySeconds 0, Retain/Retain, "
            + "ordinals from 0")
    void apiDefaults() {
        Manifest.StatefulSetManifest s = load(HEAD);
        assertEquals(1, s.replicasOrDefault());
        assertEquals(PodManagementPolicy.ORDERED_READY, s.podManagementPolicy());
        assertEquals(StatefulSetUpdateStrategy.DEFAULT, s.updateStrategy());
        assertEquals(10, s.revisionHistoryLimit());
        assertEquals(0, s.minReadySeconds());
        assertEquals(PersistentVolumeClaimRetentionPolicy.RETAIN, s.claimRetention());
        assertEquals(0, s.ordinalsStart());
        assertEquals("web", s.serviceName());
        assertEquals(List.of(), s.volumeClaimTemplates());
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("k8s-semantics.md 11.1, 16.3: updateStrategy as written, with the defaulter's rollingUpdate struct "
            + "only when it defaulted the type")
    @CsvSource(delimiter = '|', value = {
        "empty type defaults, struct created | updateStrategy: {}                                   | false | true  | 0 | 1",
        "explicit type, no struct            | updateStrategy: {type: RollingUpdate}                | false | false | 0 | 1",
        "partition and maxUnavailable        | updateStrategy: {rollingUpdate: {partition: 2, maxUnavailable: 50%}} | false | true | 2 | 50%",
        "OnDelete                            | updateStrategy: {type: OnDelete}                     | true  | false | 0 | 1",
    })
    void updateStrategy(String name, String field, boolean onDelete, boolean struct, int partition, String maxUnavailable) {
        StatefulSetUpdateStrategy s = load(HEAD + "  " + field + "\n").updateStrategy();
        assertEquals(onDelete, s.onDelete());
        assertEquals(struct, s.rollingUpdate());
        assertEquals(partition, s.partition());
        assertEquals(IntOrPercent.parse(maxUnavailable), s.maxUnavailable());
    }

    @Test
    @DisplayName("Every field kubesim reads: Parallel, replicas, minReadySeconds, history, ordinals.start, the "
            + "retention policy and the claim templates")
    void everyField() {
        Manifest.StatefulSetManifest s = load(HEAD + """
                  replicas: 3
                  podManagementPolicy: Parallel
                  minReadySeconds: 5
                  revisionHistoryLimit: 2
                  ordinals: {start: 1}
                  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Retain}
                  volumeClaimTemplates:
                  - metadata: {name: www, labels: {tier: data}}
                    spec:
                      accessModes: [ReadWriteOnce]
                      storageClassName: fast
                      resources: {requests: {storage: 1Gi}}
                """);
        assertEquals(3, s.replicas());
        assertEquals(PodManagementPolicy.PARALLEL, s.podManagementPolicy());
        assertEquals(5, s.minReadySeconds());
        assertEquals(2, s.revisionHistoryLimit());
        assertEquals(1, s.ordinalsStart());
        assertEquals(new PersistentVolumeClaimRetentionPolicy(true, false), s.claimRetention());
        VolumeClaimTemplate www = s.volumeClaimTemplates().get(0);
        assertEquals(new VolumeClaimTemplate("www", Map.of("tier", "data"), "fast", List.of("ReadWriteOnce"), 1L << 30),
                www);
        assertEquals("www-web-0", www.claimName("web", 0), "k8s-semantics.md 11.2");
    }

    @Test
    @DisplayName("k8s-semantics.md 16.4: apps/v1beta1 defaults to OnDelete and takes the selector from the template, "
            + "with the deprecation warning")
    void appsV1beta1() {
        var r = new ManifestLoader().loadText("m.yaml", HEAD.replace("apps/v1", "apps/v1beta1")
                .replace("  selector: {matchLabels: {app: web}}\n", ""));
        Manifest.StatefulSetManifest s = (Manifest.StatefulSetManifest) r.value().get(0);
        assertTrue(s.updateStrategy().onDelete());
        assertEquals(Map.of("app", "web"), s.selector().matchLabels());
        assertTrue(r.warnings().get(0).message().startsWith("apps/v1beta1 StatefulSet \"web\" uses a deprecated "
                + "apiVersion: it was removed in Kubernetes 1.16"), r.warnings().toString());
    }

    @Test
    @DisplayName("volumeClaimTemplates are simulated (11.2): no warning when a default StorageClass gives their claims a class")
    void volumeClaimTemplatesAreSimulated() {
        var r = new ManifestLoader().loadText("m.yaml", HEAD + """
                  volumeClaimTemplates:
                  - metadata: {name: www}
                ---
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata:
                  name: standard
                  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
                provisioner: pd.csi.storage.gke.io
                """);
        assertEquals(List.of(), r.warnings().stream().map(Diagnostic::format).toList());
    }

    static Stream<Arguments> badStatefulSets() {
        return Stream.of(
                Arguments.of("unknown podManagementPolicy", HEAD + "  podManagementPolicy: Serial\n", 10, 24,
                        "expected OrderedReady or Parallel, got \"Serial\""),
                Arguments.of("unknown updateStrategy type", HEAD + "  updateStrategy: {type: Recreate}\n", 10, 26,
                        "expected RollingUpdate or OnDelete, got \"Recreate\""),
                Arguments.of("rollingUpdate with OnDelete",
                        HEAD + "  updateStrategy: {type: OnDelete, rollingUpdate: {partition: 1}}\n", 10, 51,
                        "only allowed for updateStrategy 'RollingUpdate'"),
                Arguments.of("negative partition", HEAD + "  updateStrategy: {rollingUpdate: {partition: -1}}\n", 10, 47,
                        "must be greater than or equal to 0, got -1"),
                Arguments.of("maxUnavailable 0", HEAD + "  updateStrategy: {rollingUpdate: {maxUnavailable: 0}}\n",
                        10, 52, "must be greater than 0, got 0"),
                Arguments.of("negative replicas", HEAD + "  replicas: -1\n", 10, 13,
                        "replicas must be greater than or equal to 0, got -1"),
                Arguments.of("unknown retention", HEAD + "  persistentVolumeClaimRetentionPolicy: {whenScaled: Keep}\n",
                        10, 54, "expected Retain or Delete, got \"Keep\""),
                Arguments.of("restartPolicy Never", HEAD.replace("image: \"nginx:1.27\"}]}",
                        "image: \"nginx:1.27\"}], restartPolicy: Never}"), 9, 75,
                        "Unsupported value: \"Never\": supported values: \"Always\""),
                Arguments.of("no selector", HEAD.replace("  selector: {matchLabels: {app: web}}\n", ""), 4, 1,
                        "apps/v1 StatefulSet needs a non-empty spec.selector (e.g. matchLabels: {app: web})"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStatefulSets")
    @DisplayName("Input the API server refuses: one located error")
    void refused(String name, String yaml, int line, int column, String message) {
        InputException e = assertThrows(InputException.class, () -> new ManifestLoader().loadText("m.yaml", yaml));
        assertEquals(message, e.detail(), e.format());
        assertEquals(line, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"kubernetes-website/zookeeper.yaml", "aks-store-demo/aks-store-all-in-one.yaml",
            "gke-samples/hello-app-redis.yaml"})
    @DisplayName("The real manifests with StatefulSets, on a cluster with a default StorageClass: every set gets its "
            + "pods <set>-0 ... and they become Ready, with their claims bound")
    void realManifestsGetTheirPods(String file) {
        Path dir = SharedFiles.manifests().orElse(null);
        assumeTrue(dir != null, "../shared/manifests not present");
        // No StorageClass in these manifests: the claims of templates without a class get the
        // cluster's own default class (DefaultStorageClass admission, 14.1), as on a managed cluster.
        List<Manifest> manifests = new ManifestLoader().load(List.of(dir.resolve(file).toString())).value();
        NodePool pool = new NodePool("pool", 6, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"));
        SimulationSpec spec = new SimulationSpec("real", 1, SimTime.minutes(10), SimTime.seconds(10), List.of(pool),
                manifests, Map.of(), ApplicationModel.DEFAULT, List.of());
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(SimTime.minutes(10));
        assertTrue(sim.store().statefulSets().size() > 0);
        for (StatefulSet set : sim.store().statefulSets().list()) {
            for (int ordinal = 0; ordinal < set.replicas(); ordinal++) {
                Pod p = sim.store().pods().get(set.metadata().namespace(), set.name() + "-" + ordinal);
                assertNotNull(p, set.name() + "-" + ordinal);
                assertTrue(p.isReady(), p.name() + " Ready");
            }
            assertEquals(set.replicas(), set.readyReplicas(), set.name());
            for (var t : set.volumeClaimTemplates()) {
                for (int ordinal = 0; ordinal < set.replicas(); ordinal++) {
                    var claim = sim.store().persistentVolumeClaims().get(set.metadata().namespace(),
                            t.claimName(set.name(), ordinal));
                    assertTrue(claim != null && claim.isBound(), t.claimName(set.name(), ordinal) + " bound");
                    if (t.storageClassName() == null) {
                        assertEquals("standard", claim.storageClassName(), "the cluster's default class");
                    }
                }
            }
        }
        assertEquals(sim.store().statefulSets().size(),
                sim.result().workloads().stream().filter(w -> w.kind().equals("StatefulSet")).count());
    }
}
