package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A preStop hook whose duration only the application knows (httpGet, an exec that is not a plain
 * sleep) holds the pod in Terminating for that long before SIGTERM (k8s-semantics.md 4.3); when
 * the scenario gives the workload no {@code preStopTime}, kubesim warns once per workload, at the
 * hook, naming it and the field to set. A tcpSocket hook is never run by the kubelet.
 */
class PreStopTimeWarningTest {
    /** Lines: api's preStop key on 14; the worker's two hooks on 30 and 35. */
    static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers:
                    - name: api
                      image: api:1
                      resources: {requests: {cpu: 100m, memory: 64Mi}}
                      lifecycle:
                        preStop:
                          httpGet: {path: /shutdown, port: 8080}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker, namespace: jobs}
            spec:
              selector: {matchLabels: {app: worker}}
              template:
                metadata: {labels: {app: worker}}
                spec:
                  containers:
                    - name: worker
                      image: worker:1
                      resources: {requests: {cpu: 100m, memory: 64Mi}}
                      lifecycle:
                        preStop:
                          exec: {command: [/bin/sh, -c, "nginx -s quit; sleep 5"]}
                    - name: flusher
                      image: worker:1
                      lifecycle:
                        preStop:
                          exec: {command: [/usr/local/bin/flush]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: sleepers}
            spec:
              selector: {matchLabels: {app: sleepers}}
              template:
                metadata: {labels: {app: sleepers}}
                spec:
                  containers:
                    - name: a
                      image: s:1
                      lifecycle: {preStop: {exec: {command: [sleep, "10"]}}}
                    - name: b
                      image: s:1
                      lifecycle: {preStop: {exec: {command: [/bin/sleep, "10"]}}}
                    - name: c
                      image: s:1
                      lifecycle: {preStop: {exec: {command: [sh, -c, "sleep 10"]}}}
                    - name: d
                      image: s:1
                      lifecycle: {preStop: {sleep: {seconds: 10}}}
            """;

    static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: prestop}
            duration: 1m
            manifests: [apps.yaml]
            cluster:
              nodePools:
                - {name: pool, count: 1, allocatable: {cpu: "4", memory: 8Gi}}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void write() throws Exception {
        Files.writeString(dir.resolve("apps.yaml"), MANIFESTS);
    }

    private List<Diagnostic> warnings(String scenario) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, scenario);
        return ScenarioLoader.load(file).warnings().stream()
                .filter(w -> w.message().contains("preStop")).toList();
    }

    @Test
    @DisplayName("4.3: no preStopTime: one warning per workload, at its first unknown hook, naming every such hook and the field")
    void oneWarningPerWorkload() throws Exception {
        List<Diagnostic> w = warnings(SCENARIO);
        assertEquals(2, w.size(), w.toString());
        Diagnostic api = w.get(0);
        assertEquals(dir.resolve("apps.yaml").toString(), api.location().file());
        assertEquals(14, api.location().line());
        assertEquals(13, api.location().column());
        assertEquals("the preStop hook of container \"api\" (httpGet /shutdown) in Deployment api runs for a time only "
                + "the application knows, and the scenario does not say it: kubesim takes 0 s; set "
                + "applications.api.preStopTime (or applications.default.preStopTime)", api.message());
        Diagnostic worker = w.get(1);
        assertEquals(30, worker.location().line(), "the worker container's hook, the first of two");
        assertTrue(worker.message().startsWith("the preStop hooks of container \"worker\" (exec [/bin/sh, -c, nginx -s "
                + "quit; sleep 5]) and container \"flusher\" (exec [/usr/local/bin/flush]) in Deployment jobs/worker "
                + "run for a time only the application knows"), "plural for two hooks: " + worker.message());
        assertTrue(worker.message().contains("set applications.jobs/worker.preStopTime"), worker.message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the workload sets it    | '  api: {preStopTime: 4s}'                       | 1",
            "the default entry sets it | '  default: {preStopTime: {uniform: {min: 1s, max: 3s}}}' | 0",
            "both workloads set it   | '  api: {preStopTime: 4s}\n  jobs/worker: {preStopTime: 2s}' | 0"})
    @DisplayName("a preStopTime from the scenario silences the warning for the workloads it covers")
    void preStopTimeSilences(String name, String entries, int expected) throws Exception {
        List<Diagnostic> w = warnings(SCENARIO + "applications:\n" + entries.replace("\\n", "\n") + "\n");
        assertEquals(expected, w.size(), w.toString());
        if (expected == 1) {
            assertTrue(w.get(0).message().contains("Deployment jobs/worker"));
        }
    }

    @Test
    @DisplayName("recognisable sleeps (sleep 10, /bin/sleep 10, sh -c \"sleep 10\", the sleep action) take their 10 s, unwarned")
    void sleepsAreKnown() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO);
        Manifest.DeploymentManifest sleepers = ScenarioLoader.load(file).value().manifests().stream()
                .filter(m -> m.name().equals("sleepers")).map(Manifest.DeploymentManifest.class::cast).findFirst()
                .orElseThrow();
        for (Container c : sleepers.template().spec().containers()) {
            assertEquals(10_000, c.preStop().durationMillis(), c.name());
        }
    }

    @Test
    @DisplayName("a tcpSocket preStop is never run by the kubelet (handlers.go): 0 s, with a located warning")
    void tcpSocketHookIsNotRun() throws Exception {
        Files.writeString(dir.resolve("apps.yaml"), MANIFESTS.replace("httpGet: {path: /shutdown, port: 8080}",
                "tcpSocket: {port: 8080}"));
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO);
        var loaded = ScenarioLoader.load(file);
        Diagnostic tcp = loaded.warnings().stream().filter(d -> d.message().contains("tcpSocket")).findFirst()
                .orElseThrow();
        assertEquals(15, tcp.location().line());
        assertTrue(tcp.message().contains("never run by the kubelet"), tcp.message());
        Manifest.DeploymentManifest api = (Manifest.DeploymentManifest) loaded.value().manifests().get(0);
        assertEquals(0, api.template().spec().containers().get(0).preStop().durationMillis());
        assertEquals(1, loaded.warnings().stream().filter(d -> d.message().contains("only the application knows"))
                .count(), "only the worker is warned about");
    }
}
