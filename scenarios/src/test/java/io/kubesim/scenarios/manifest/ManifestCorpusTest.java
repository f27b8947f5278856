package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.Manifest.DeploymentManifest;
import io.kubesim.api.Manifest.PodManifest;
import io.kubesim.api.Manifest.PriorityClassManifest;
import io.kubesim.api.Manifest.ServiceManifest;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every real manifest in shared/manifests loads, with the object counts that
 * shared/manifests/SOURCES.md states for each file. Skipped, with the reason, where the shared
 * folder is not beside the repository.
 */
class ManifestCorpusTest {
    private static Path root;

    @BeforeAll
    static void findSharedManifests() {
        var found = SharedFiles.manifests();
        Assumptions.assumeTrue(found.isPresent(),
                "shared/manifests not found beside the repository (../shared/manifests); corpus tests skipped");
        root = found.get();
    }

    private static Loaded<List<Manifest>> load(String file) {
        return new ManifestLoader().load(List.of(root.resolve(file).toString()));
    }

    private static Map<String, Integer> countKinds(List<Manifest> ms) {
        Map<String, Integer> counts = new TreeMap<>();
        ms.forEach(m -> counts.merge(m.kind(), 1, Integer::sum));
        return counts;
    }

    private static String notSimulatedWarning(Loaded<?> r) {
        return r.warnings().stream().map(Diagnostic::message).filter(m -> m.startsWith("not simulated"))
                .reduce((a, b) -> a + " | " + b).orElse("");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "online-boutique/kubernetes-manifests.yaml | {Deployment=12, Service=12} | not simulated (yet): 11 ServiceAccount",
            "istio-bookinfo/bookinfo.yaml | {Deployment=6, Service=4} | not simulated (yet): 4 ServiceAccount",
            "sock-shop/complete-demo.yaml | {Deployment=14, Namespace=1, Service=14} | ''",
            "sock-shop/complete-demo-2018-01-29.yaml | {Deployment=13, Service=13} | ''",
            "sock-shop/autoscaling-hpas.yaml | {HorizontalPodAutoscaler=8} | ''",
            "deathstarbench-hotel-reservation/hotel-reservation.yaml | {Deployment=19, PersistentVolume=6, PersistentVolumeClaim=6, Service=19} | ''",
            "podinfo/podinfo-kustomize.yaml | {Deployment=1, HorizontalPodAutoscaler=1, Service=1} | ''",
            "argo-rollouts/rollout-bluegreen.yaml | {Rollout=1, Service=2} | ''",
            "gke-samples/hello-app-redis.yaml | {Deployment=1, PodDisruptionBudget=1, Service=1, StatefulSet=1} | not simulated (yet): 2 ConfigMap",
            "gke-samples/mix-train-and-inference.yaml | {Deployment=1, Job=1, PriorityClass=3, Service=2} | ''",
            "aks-store-demo/aks-store-all-in-one.yaml | {Deployment=7, Service=7, StatefulSet=2} | not simulated (yet): 2 Secret, 1 ConfigMap",
            "kubernetes-website/zookeeper.yaml | {PodDisruptionBudget=1, Service=2, StatefulSet=1} | ''",
            "kubernetes-website/php-apache-with-hpa.yaml | {Deployment=1, HorizontalPodAutoscaler=1, Service=1} | ''",
            "polaris-fixtures/resource-range-mem-number-pod.yaml | {Pod=1} | ''",
    })
    void loadsWithTheCountsInSources(String file, String kinds, String notSimulated) {
        Loaded<List<Manifest>> r = load(file);
        assertEquals(kinds, countKinds(r.value()).toString());
        assertEquals(notSimulated, notSimulatedWarning(r));
    }

    @Test
    void everyYamlFileInTheSharedFolderLoads() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertEquals(14, files.size(), "SOURCES.md lists 14 files");
            for (Path f : files) {
                assertNotNull(new ManifestLoader().load(List.of(f.toString())).value(), f.toString());
            }
        }
    }

    @Test
    void realManifestsHaveNoUnknownFields() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Diagnostic d : new ManifestLoader().load(List.of(f.toString())).warnings()) {
                    assertTrue(!d.message().startsWith("unknown field"), d.format());
                }
            }
        }
    }

    /** k8s-semantics.md 4.1 and 4.3: probe defaults and the manifest's own grace period. */
    @Test
    void onlineBoutiqueProbesAndGracePeriod() {
        List<Manifest> ms = load("online-boutique/kubernetes-manifests.yaml").value();
        DeploymentManifest frontend = deployment(ms, "frontend");
        assertEquals(30, frontend.template().spec().terminationGracePeriodSeconds(), "omitted: defaults to 30");
        assertEquals(5, deployment(ms, "adservice").template().spec().terminationGracePeriodSeconds());
        Container server = frontend.template().spec().containers().get(0);
        assertTrue(server.readinessProbe().action().startsWith("httpGet :8080"), server.readinessProbe().action());
        assertEquals(10, server.readinessProbe().periodSeconds());
        assertEquals(3, server.readinessProbe().failureThreshold());
        assertEquals(1, server.readinessProbe().timeoutSeconds());
        assertNull(server.preStop());
        assertNull(frontend.replicas(), "replicas omitted stays null (defaults to 1 unless an HPA owns it)");
        DeploymentManifest loadgen = deployment(ms, "loadgenerator");
        assertEquals(1, loadgen.template().spec().initContainers().size());
        assertTrue(!loadgen.template().spec().initContainers().get(0).restartableInit());
        assertNull(loadgen.template().spec().containers().get(0).readinessProbe());
        long grpc = ms.stream().filter(m -> m instanceof DeploymentManifest).map(m -> (DeploymentManifest) m)
                .filter(d -> d.template().spec().containers().get(0).readinessProbe() != null
                        && d.template().spec().containers().get(0).readinessProbe().action().startsWith("grpc"))
                .count();
        assertEquals(9, grpc);
        // k8s-semantics.md 2.1: apps/v1 defaults.
        assertEquals(DeploymentStrategy.DEFAULT_ROLLING, frontend.strategy());
        assertEquals(10, frontend.revisionHistoryLimit());
        assertEquals(600, frontend.progressDeadlineSeconds());
    }

    /** extensions/v1beta1 defaults (pkg/apis/extensions/v1beta1/defaults.go): selector from template labels, 1/1. */
    @Test
    void sockShop2018SelectorsAreDefaultedFromTemplateLabels() {
        Loaded<List<Manifest>> r = load("sock-shop/complete-demo-2018-01-29.yaml");
        List<DeploymentManifest> ds = r.value().stream().filter(m -> m instanceof DeploymentManifest)
                .map(m -> (DeploymentManifest) m).toList();
        assertEquals(13, ds.size());
        for (DeploymentManifest d : ds) {
            assertEquals(LabelSelector.of(d.template().labels()), d.selector(), d.name());
            assertEquals(DeploymentStrategy.rolling(IntOrPercent.ofInt(1), IntOrPercent.ofInt(1)), d.strategy(), d.name());
            assertNull(d.revisionHistoryLimit(), "extensions/v1beta1 keeps every old ReplicaSet");
            assertNull(d.progressDeadlineSeconds(), "extensions/v1beta1 has no progress deadline");
        }
        assertEquals(Map.of("name", "carts"), deployment(r.value(), "carts").selector().matchLabels());
        long deprecations = r.warnings().stream().filter(w -> w.message().contains("deprecated apiVersion")
                && w.message().contains("spec.selector defaulted from the template labels")).count();
        assertEquals(13, deprecations);
    }

    /** k8s-semantics.md 4.4: API defaulting copies limits into missing requests; plain-integer quantities. */
    @Test
    void polarisFixtureRequestsDefaultToPlainIntegerLimits() {
        PodManifest pod = (PodManifest) load("polaris-fixtures/resource-range-mem-number-pod.yaml").value().get(0);
        Container c = pod.spec().containers().get(0);
        assertEquals(104857600L, c.limits().memoryBytes());
        assertEquals(1000L, c.limits().cpuMillis());
        assertEquals(104857600L, c.requests().memoryBytes());
        assertEquals(1000L, c.requests().cpuMillis());
        assertEquals("default", pod.namespace());
    }

    @Test
    void aksStoreTinyQuantitiesAreExact() {
        List<Manifest> ms = load("aks-store-demo/aks-store-all-in-one.yaml").value();
        Container product = deployment(ms, "product-service").template().spec().containers().get(0);
        assertEquals(1L, product.requests().cpuMillis());
        assertEquals(1048576L, product.requests().memoryBytes());
        assertEquals(2L, product.limits().cpuMillis());
        Container makeline = deployment(ms, "makeline-service").template().spec().containers().get(0);
        assertEquals(6291456L, makeline.requests().memoryBytes());
        assertEquals(5L, makeline.limits().cpuMillis());
    }

    @Test
    void hotelReservationIsCpuOnlyWithSixRecreates() {
        List<Manifest> ms = load("deathstarbench-hotel-reservation/hotel-reservation.yaml").value();
        List<DeploymentManifest> ds = ms.stream().filter(m -> m instanceof DeploymentManifest)
                .map(m -> (DeploymentManifest) m).toList();
        assertEquals(6, ds.stream().filter(d -> d.strategy().recreate()).count());
        for (DeploymentManifest d : ds) {
            Container c = d.template().spec().containers().get(0);
            assertEquals(100L, c.requests().cpuMillis(), d.name());
            assertEquals(1000L, c.limits().cpuMillis(), d.name());
            assertTrue(!c.requests().has("memory") && !c.limits().has("memory"), d.name());
        }
    }

    @Test
    void podinfoRolloutSettings() {
        DeploymentManifest d = deployment(load("podinfo/podinfo-kustomize.yaml").value(), "podinfo");
        assertEquals(IntOrPercent.ofInt(0), d.strategy().maxUnavailable());
        assertEquals(IntOrPercent.ofPercent(25), d.strategy().maxSurge());
        assertEquals(3, d.minReadySeconds());
        assertEquals(60, d.progressDeadlineSeconds());
        assertEquals(5, d.revisionHistoryLimit());
        assertNull(d.replicas());
        assertTrue(d.template().spec().containers().get(0).readinessProbe().action().startsWith("exec"));
    }

    @Test
    void mixTrainAndInferencePriorityClassesAndGpus() {
        List<Manifest> ms = load("gke-samples/mix-train-and-inference.yaml").value();
        Map<String, String> pcs = new TreeMap<>();
        ms.stream().filter(m -> m instanceof PriorityClassManifest).map(m -> (PriorityClassManifest) m)
                .forEach(p -> pcs.put(p.name(), p.value() + "/" + p.globalDefault() + "/" + p.preemptNever()));
        assertEquals(Map.of("default-priority-nonpreempting", "10/true/true",
                "high-priority-preempting", "30/false/false",
                "low-priority-preempting", "20/false/false"), pcs);
        DeploymentManifest inference = (DeploymentManifest) ms.stream().filter(m -> m instanceof DeploymentManifest)
                .findFirst().orElseThrow();
        Container c = inference.template().spec().containers().get(0);
        assertEquals(2L, c.requests().get("nvidia.com/gpu"));
        assertEquals(4000L, c.requests().cpuMillis());
        assertEquals(30L << 30, c.requests().memoryBytes());
        assertEquals(30L << 30, c.requests().ephemeralStorageBytes());
        assertEquals("high-priority-preempting", inference.template().spec().priorityClassName());
    }

    @Test
    void helloAppRedisHeadlessServiceAndRequiredAntiAffinity() {
        List<Manifest> ms = load("gke-samples/hello-app-redis.yaml").value();
        ServiceManifest svc = (ServiceManifest) ms.stream().filter(m -> m instanceof ServiceManifest).findFirst()
                .orElseThrow();
        assertTrue(svc.headless());
        DeploymentManifest web = deployment(ms, "hello-web");
        assertEquals(3, web.replicas());
        assertEquals(1, web.template().spec().affinity().podAntiAffinity().required().size());
        assertEquals("kubernetes.io/hostname",
                web.template().spec().affinity().podAntiAffinity().required().get(0).topologyKey());
        assertEquals(1, web.template().spec().containers().get(0).readinessProbe().periodSeconds());
        assertEquals(1, web.template().spec().containers().get(0).readinessProbe().failureThreshold());
    }

    @Test
    void phpApacheFlowStyleHpaWithTrailingCommasLoads() {
        Loaded<List<Manifest>> r = load("kubernetes-website/php-apache-with-hpa.yaml");
        DeploymentManifest d = deployment(r.value(), "php-apache");
        assertEquals(200L, d.template().spec().containers().get(0).requests().cpuMillis());
        assertEquals(500L, d.template().spec().containers().get(0).limits().cpuMillis());
        Manifest.HorizontalPodAutoscalerManifest hpa = r.value().stream()
                .filter(m -> m instanceof Manifest.HorizontalPodAutoscalerManifest)
                .map(m -> (Manifest.HorizontalPodAutoscalerManifest) m).findFirst().orElseThrow();
        assertEquals("php-apache", hpa.targetName());
        assertEquals(1, hpa.minReplicas());
        assertEquals(10, hpa.maxReplicas());
        assertEquals(List.of(new io.kubesim.api.HpaMetric(io.kubesim.api.HpaMetric.Type.RESOURCE, "cpu", "",
                io.kubesim.api.HpaMetric.Target.UTILIZATION, 50, "Resource")), hpa.metrics());
        assertFalse(hpa.hasBehavior(), "no behavior: the legacy path of k8s-semantics.md 1.8");
    }

    @Test
    void autoscalingV1HpasBecomeCpuUtilizationTargets() {
        Loaded<List<Manifest>> r = load("sock-shop/autoscaling-hpas.yaml");
        Manifest.HorizontalPodAutoscalerManifest cart = (Manifest.HorizontalPodAutoscalerManifest) r.value().get(0);
        assertEquals("sock-shop/cart", cart.key());
        assertEquals(50, cart.metrics().get(0).value());
        assertEquals(10, cart.maxReplicas());
    }

    @Test
    void originPointsAtTheKindOfEachDocument() throws Exception {
        Path file = root.resolve("online-boutique/kubernetes-manifests.yaml");
        List<String> lines = Files.readAllLines(file);
        for (Manifest m : load("online-boutique/kubernetes-manifests.yaml").value()) {
            assertEquals(file.toString(), m.origin().file());
            assertEquals("kind: " + m.kind(), lines.get(m.origin().line() - 1).trim(), m.key());
        }
    }

    private static DeploymentManifest deployment(List<Manifest> ms, String name) {
        return ms.stream().filter(m -> m instanceof DeploymentManifest && m.name().equals(name))
                .map(m -> (DeploymentManifest) m).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }
}
