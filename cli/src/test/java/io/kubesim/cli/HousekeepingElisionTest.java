package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.kubelet.Kubelets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A housekeeping pass over the same running containers as the last one measures only those whose
 * usage may have changed (growing or bursting usage, request load) and keeps the others' last
 * figures. Every output is the same as with every container measured at every pass, on the library
 * scenarios where memory grows to pressure and evictions, containers are OOM-killed or throttled,
 * requests cost CPU and memory, HPAs scale on CPU, and nodes fail or are drained.
 */
class HousekeepingElisionTest {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @AfterEach
    void restore() {
        Kubelets.measureEveryContainer(false);
    }

    private Path run(String scenario, boolean everything) {
        return run(CliHarness.library(scenario), scenario, everything);
    }

    private Path run(String scenarioFile, String name, boolean everything) {
        Kubelets.measureEveryContainer(everything);
        Path out = tmp.resolve((everything ? "every-" : "changed-") + name);
        CliHarness.Result r = CliHarness.run("run", scenarioFile, "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }


    /**
     * Bursts: a batch job's CPU and memory rise together for 30 s every 2 minutes on the node a
     * serving app shares, whose requests cost CPU, so each burst squeezes the app (slower requests)
     * and its end frees the CPU again, between passes and at them.
     */
    @org.junit.jupiter.api.Test
    @DisplayName("bursting neighbours of a serving app give the same outputs either way")
    void bursts() throws IOException {
        Files.writeString(tmp.resolve("apps.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: app
                          image: registry.example.com/web:1
                          resources: {requests: {cpu: 500m, memory: 256Mi}, limits: {cpu: "1"}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: batch}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: batch}}
                  template:
                    metadata: {labels: {app: batch}}
                    spec:
                      containers:
                        - name: job
                          image: registry.example.com/batch:1
                          resources: {requests: {cpu: 100m, memory: 128Mi}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                """);
        Files.writeString(tmp.resolve("bursts.yaml"), """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: bursts}
                seed: 5
                duration: 8m
                manifests: [apps.yaml]
                cluster:
                  nodePools: [{name: pool, count: 1, allocatable: {cpu: "2", memory: 4Gi}}]
                applications:
                  web:
                    startupTime: 2s
                    usage: {cpu: 100m, memory: 200Mi}
                    serving:
                      concurrency: 8
                      serviceTime: {lognormal: {median: 40ms, p99: 200ms}}
                      cpuPerRequest: 20ms
                  batch:
                    usage:
                      cpu: 50m
                      memory: 100Mi
                      burst: {every: 2m, duration: 30s, start: 65s, cpu: 900m, memory: 300Mi}
                traffic:
                  - service: web
                    arrivals: {steps: [{at: 0s, rate: 30}, {at: 3m, rate: 60}, {at: 6m, rate: 0}]}
                """);
        String scenario = tmp.resolve("bursts.yaml").toString();
        Path every = run(scenario, "bursts", true);
        Path changed = run(scenario, "bursts", false);
        CliHarness.assertSameOutputs(every, changed, "bursts", "wallSeconds");
        assertTrue(Files.readAllLines(every.resolve("timeseries.csv")).stream()
                .filter(l -> l.contains(",workload_cpu_throttled_cores,workload=batch,"))
                .anyMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1)) > 0),
                "the bursts contend for the node's CPU (the batch pods are throttled during them)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noisy-neighbour.yaml", "noisy-neighbour-limits.yaml", "hpa-target-95.yaml",
            "hpa-diurnal.yaml", "high-traffic-rollout.yaml", "online-boutique-capacity.yaml", "crashloop-backoff.yaml",
            "node-failure.yaml", "cronjob-burst.yaml", "drain-no-pdb.yaml", "preemption.yaml",
            "cluster-autoscaler-burst.yaml"})
    @DisplayName("measuring only the containers whose usage may have changed changes no output")
    void sameOutputs(String scenario) throws IOException {
        Path every = run(scenario, true);
        Path changed = run(scenario, false);
        CliHarness.assertSameOutputs(every, changed, scenario, "wallSeconds");
    }
}
