package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.manifest.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real manifest set (each file under ../shared/manifests, and the Helm-rendered OpenTelemetry
 * Demo in the library) runs through {@code kubesim run} inside a small generated scenario for a
 * simulated minute: six nodes over three zones, a request a second into every Service, nothing
 * else set. Issue 11's bar: what the API server accepts loads and runs, and kubesim's own defaults
 * invent no failure (no container is OOM-killed or evicted because of a default usage).
 */
class RealManifestsRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static Stream<Arguments> realManifests() throws IOException {
        List<Arguments> files = new ArrayList<>();
        files.add(Arguments.of("library/opentelemetry-demo",
                CliHarness.ROOT.resolve("library/manifests/opentelemetry-demo/opentelemetry-demo.yaml")));
        Optional<Path> shared = sharedManifests();
        if (shared.isPresent()) {
            try (Stream<Path> walk = Files.walk(shared.get())) {
                walk.filter(p -> p.toString().endsWith(".yaml")).sorted()
                        .forEach(p -> files.add(Arguments.of(shared.get().relativize(p).toString(), p)));
            }
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realManifests")
    void runsAMinuteWithNoFailureOfKubesimsMaking(String name, Path manifest) throws IOException {
        List<Manifest> objects = new ManifestLoader().load(List.of(manifest.toString())).value();
        Path scenario = tmp.resolve("scenario.yaml");
        Files.writeString(scenario, scenarioFor(manifest, objects));
        Path out = tmp.resolve("out");

        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString());

        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(60, summary.get("simulatedSeconds").asInt());
        JsonNode pods = summary.get("pods");
        assertEquals(0, pods.get("oomKilled").asInt(), "no usage set, so no OOM kill: " + pods);
        assertEquals(0, pods.get("evicted").asInt(), "no usage set, so no eviction: " + pods);
        long podObjects = objects.stream().filter(m -> m instanceof Manifest.DeploymentManifest
                || m instanceof Manifest.StatefulSetManifest
                || m instanceof Manifest.ReplicaSetManifest || m instanceof Manifest.PodManifest
                || m instanceof Manifest.RolloutManifest).count();
        if (podObjects > 0) {
            // a pod may stay Pending for a good reason (a GPU nodeSelector no generated node has)
            assertTrue(pods.get("scheduled").asInt() + pods.get("pendingAtEnd").asInt() > 0, "pods were created: "
                    + pods);
        }
        if (objects.stream().anyMatch(m -> m instanceof Manifest.PersistentVolumeClaimManifest)) {
            // k8s-semantics.md 14.1: the claims bind (to the manifests' static volumes or provisioned
            // ones) and no pod is left waiting for its volumes
            JsonNode volumes = summary.get("volumes");
            assertEquals(0, volumes.get("claimsPending").asInt(), "every claim bound: " + volumes);
            assertEquals(0, volumes.get("podsWaiting").size(), "no pod waits for a volume: " + volumes);
        }
        if (objects.stream().anyMatch(m -> m instanceof Manifest.ServiceManifest)) {
            assertTrue(summary.get("requests").get("total").asLong() > 0, "requests were sent");
        }
        List<String> events = Files.readAllLines(out.resolve("events.jsonl"));
        for (Manifest m : objects) {
            // k8s-semantics.md 20.4 and 20.2: an Argo Rollout's first revision is promoted at once
            // ("Initial deploy") and runs spec.replicas pods
            if (m instanceof Manifest.RolloutManifest ro) {
                JsonNode w = summary.get("workloads").get("Rollout/" + ro.name());
                assertEquals(ro.spec().replicasOrDefault(), w.get("available").asInt(), ro.key() + ": " + w);
                assertEquals("Healthy", w.get("phase").asText(), ro.key() + ": " + w);
            }
        }
        for (Manifest m : objects) {
            // k8s-semantics.md 12.2: a DaemonSet that selects no node label gets a pod on each of the six nodes
            if (m instanceof Manifest.DaemonSetManifest ds && ds.template().spec().nodeSelector().isEmpty()
                    && ds.template().spec().affinity().nodeAffinity() == null) {
                String object = "\"object\":\"DaemonSet/" + ds.namespace() + "/" + ds.name() + "\"";
                long created = events.stream().filter(e -> e.contains(object) && e.contains("\"SuccessfulCreate\""))
                        .count();
                assertTrue(created >= 6, ds.key() + " created " + created + " pods on 6 nodes");
            }
        }
    }

    /** Six 8-core nodes in three zones, one request a second into every Service, a minute long. */
    private static String scenarioFor(Path manifest, List<Manifest> objects) {
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata: {name: real-manifest}\n")
                .append("seed: 7\nduration: 1m\nmanifests:\n  - '").append(manifest.toAbsolutePath()).append("'\n")
                .append("cluster:\n  nodePools:\n    - name: pool\n      count: 6\n")
                .append("      allocatable: {cpu: '8', memory: 32Gi}\n      zones: [zone-a, zone-b, zone-c]\n");
        List<String> services = objects.stream().filter(m -> m instanceof Manifest.ServiceManifest)
                .map(m -> (Manifest.ServiceManifest) m).map(s -> s.namespace() + "/" + s.name()).toList();
        if (!services.isEmpty()) {
            y.append("traffic:\n");
            for (int i = 0; i < services.size(); i++) {
                y.append("  - {name: entry-").append(i).append(", service: '").append(services.get(i))
                        .append("', arrivals: {constant: 1}}\n");
            }
        }
        return y.toString();
    }

    private static Optional<Path> sharedManifests() {
        for (Path d = CliHarness.ROOT; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("manifests");
            if (Files.isRegularFile(candidate.resolve("SOURCES.md"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
