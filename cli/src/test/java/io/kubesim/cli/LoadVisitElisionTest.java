package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.traffic.LoadVisits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each housekeeping pass takes the request load of only the pods whose load changed since the
 * previous pass (offered a request, started listening, or holding requests); a pod left out has a
 * nil load over the window, which is what the pass assumes of it. Every output is the same as with
 * every serving pod visited, on the library scenarios whose requests cost CPU or memory (CPU
 * throttling, noisy neighbours, memory pressure, HPAs on CPU) and on those whose pods are lost with
 * their node and come back.
 */
class LoadVisitElisionTest {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @AfterEach
    void restore() {
        LoadVisits.onlyChanged(true);
    }

    private Path run(String scenario, boolean onlyChanged) {
        return run(CliHarness.library(scenario), scenario, onlyChanged, "exact");
    }

    private Path run(String scenarioFile, String name, boolean onlyChanged, String mode) {
        LoadVisits.onlyChanged(onlyChanged);
        Path out = tmp.resolve((onlyChanged ? "changed-" : "every-") + mode + "-" + name);
        CliHarness.Result r = CliHarness.run("run", scenarioFile, "--out", out.toString(), "-q",
                "--traffic-mode", mode);
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }


    /**
     * One slow pod takes a burst it cannot keep up with, then no more requests: its queue drains for
     * minutes with nothing offered, each start costing CPU and each held request memory. The passes
     * in those minutes must still see that load (and its fall), though nothing is offered.
     */
    @org.junit.jupiter.api.Test
    @DisplayName("a pod draining a queue with nothing offered is still visited until it holds nothing")
    void drainingQueueStaysVisited() throws IOException {
        Files.writeString(tmp.resolve("slow.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: slow}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: slow}}
                  template:
                    metadata: {labels: {app: slow}}
                    spec:
                      containers:
                        - name: app
                          image: registry.example.com/slow:1
                          resources: {requests: {cpu: 500m, memory: 256Mi}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: slow}
                spec:
                  selector: {app: slow}
                  ports: [{port: 80, targetPort: 8080}]
                """);
        Files.writeString(tmp.resolve("draining.yaml"), """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: draining}
                seed: 3
                duration: 6m
                manifests: [slow.yaml]
                cluster:
                  nodePools: [{name: pool, count: 1, allocatable: {cpu: "2", memory: 4Gi}}]
                applications:
                  default:
                    startupTime: 2s
                    serving:
                      concurrency: 2
                      serviceTime: {lognormal: {median: 1s, p99: 2s}}
                      cpuPerRequest: 400ms
                      memoryPerRequest: 4Mi
                      timeout: 10m
                traffic:
                  - service: slow
                    arrivals:
                      steps: [{at: 0s, rate: 0}, {at: 30s, rate: 20}, {at: 50s, rate: 0}]
                """);
        String scenario = tmp.resolve("draining.yaml").toString();
        for (String mode : new String[] {"exact", "fluid"}) {
            Path every = run(scenario, "draining", false, mode);
            Path changed = run(scenario, "draining", true, mode);
            List<String> series = Files.readAllLines(every.resolve("timeseries.csv"));
            assertTrue(series.stream().anyMatch(l -> l.contains("workload_memory_working_set_bytes")),
                    "the run records the workload's working set");
            CliHarness.assertSameOutputs(every, changed, mode + " draining", "wallSeconds");
        }
    }

    /**
     * The fluid mode's visits: the pods it served since the last pass on their own or as a
     * cohort's members (whose figures all change when the cohort serves), that started listening
     * or left a cohort.
     */
    @ParameterizedTest(name = "fluid {0}")
    @ValueSource(strings = {"noisy-neighbour.yaml", "hpa-diurnal.yaml", "online-boutique-capacity.yaml",
            "node-failure.yaml", "no-prestop.yaml"})
    @DisplayName("fluid mode: visiting only the pods whose load changed changes no output")
    void sameOutputsFluid(String scenario) throws IOException {
        Path every = run(CliHarness.library(scenario), scenario, false, "fluid");
        Path changed = run(CliHarness.library(scenario), scenario, true, "fluid");
        CliHarness.assertSameOutputs(every, changed, scenario, "wallSeconds");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noisy-neighbour.yaml", "noisy-neighbour-limits.yaml", "hpa-target-95.yaml",
            "hpa-diurnal.yaml", "high-traffic-rollout.yaml", "online-boutique-capacity.yaml", "resource-quota.yaml",
            "grpc-scale-up-imbalance.yaml", "node-failure.yaml", "statefulset-node-failure.yaml"})
    @DisplayName("visiting only the pods whose load changed changes no output")
    void sameOutputs(String scenario) throws IOException {
        Path every = run(scenario, false);
        Path changed = run(scenario, true);
        CliHarness.assertSameOutputs(every, changed, scenario, "wallSeconds");
    }
}
