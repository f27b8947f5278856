package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Limits;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.RateSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits checked when a scenario is read (docs/limits.md): each at its bound is taken, one past
 * it is refused at the field to change, the message naming the limit.
 */
class RunLimitsTest {
    @TempDir
    Path dir;

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: %d
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: nginx}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, ports: [{port: 80}]}
            """;

    private SimulationSpec load(String duration, String top, String pool, int replicas, String traffic) throws IOException {
        Files.writeString(dir.resolve("m.yaml"), WEB.formatted(replicas));
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: limits}
                duration: %s
                %smanifests: [m.yaml]
                cluster:
                  nodePools:
                    - %s
                %s""".formatted(duration, top, pool, traffic));
        return ScenarioLoader.load(dir.resolve("s.yaml")).value();
    }

    private static final String POOL = "{name: pool, count: 2, allocatable: {cpu: \"4\", memory: 8Gi}}";

    private String refusal(String duration, String top, String pool, int replicas, String traffic) {
        InputException e = assertThrows(InputException.class, () -> load(duration, top, pool, replicas, traffic));
        return e.format().substring(dir.toString().length() + 1);
    }

    @Test
    @DisplayName("duration: 8784h (366 days) is the longest run")
    void duration() throws IOException {
        assertEquals(Limits.MAX_DURATION, load("8784h", "", POOL, 1, "").duration());
        assertEquals("s.yaml:4:11: duration 8785h is longer than kubesim simulates: at most 8784h (366 days)",
                refusal("8785h", "", POOL, 1, ""));
    }

    @Test
    @DisplayName("sampleInterval: at most 10 million samples a series, 100 million points in all, and a step that fits is named")
    void sampleInterval() throws IOException {
        // 10m at 60us is 10,000,001 samples a series, one past the limit; at 1ms, 600,001 of 39 series fit
        assertEquals(SimTime.millis(1), load("10m", "sampleInterval: 1ms\n", POOL, 1, "").sampleInterval());
        assertEquals("s.yaml:5:17: sampleInterval 60us over 10m0s is 10,000,001 samples for each of about 39 time series;"
                + " kubesim keeps at most 10,000,000 a series and 100,000,000 in all: set a longer sampleInterval (or"
                + " leave it out for the default); 1ms fits", refusal("10m", "sampleInterval: 60us\n", POOL, 1, ""));
        // 5,000 nodes (35,000 series) for a day at 1s: 3 billion points
        String big = "{name: pool, count: 5000, allocatable: {cpu: \"4\", memory: 8Gi}}";
        assertEquals("s.yaml:5:17: sampleInterval 1s over 24h0m0s is 86,401 samples for each of about 35,025 time series;"
                + " kubesim keeps at most 10,000,000 a series and 100,000,000 in all: set a longer sampleInterval (or"
                + " leave it out for the default); 1m0s fits", refusal("24h", "sampleInterval: 1s\n", big, 1, ""));
    }

    @Test
    @DisplayName("a node: at most 2,048 cores and 64Ti of memory; the pools: at most 100,000 nodes")
    void nodes() throws IOException {
        load("1m", "", "{name: pool, count: 1, allocatable: {cpu: \"2048\", memory: 64Ti}}", 1, "");
        assertEquals("s.yaml:8:49: cpu 2049 is more than kubesim simulates on one node: at most 2048 cores (the largest"
                        + " machines have about 2,000); use more nodes instead",
                refusal("1m", "", "{name: pool, count: 1, allocatable: {cpu: \"2049\", memory: 8Gi}}", 1, ""));
        assertEquals("s.yaml:8:62: memory 65Ti is more than kubesim simulates on one node: at most 64Ti (the largest"
                        + " machines have 32Ti); use more nodes instead",
                refusal("1m", "", "{name: pool, count: 1, allocatable: {cpu: \"4\", memory: 65Ti}}", 1, ""));
        assertEquals("s.yaml:8:5: the node pools start 100,001 nodes; kubesim simulates at most 100,000 (Kubernetes"
                        + " supports 5,000): lower the pools' counts",
                refusal("1m", "", "{name: a, count: 100000, allocatable: {cpu: \"4\", memory: 8Gi}}\n"
                        + "    - {name: b, count: 1, allocatable: {cpu: \"4\", memory: 8Gi}}", 1, ""));
    }

    @Test
    @DisplayName("pods: at most a million asked for at once, the largest workload named")
    void pods() throws IOException {
        assertEquals(1_000_000, ((io.kubesim.api.Manifest.DeploymentManifest) load("1m", "", POOL, 1_000_000, "")
                .manifests().get(0)).replicas());
        assertEquals("s.yaml:5:12: the workloads ask for 1,000,001 pods at once; kubesim simulates at most 1,000,000"
                + " (Kubernetes supports 150,000): the most come from Deployment web (1,000,001, " + dir.resolve("m.yaml")
                + ":2); lower its replicas", refusal("1m", "", POOL, 1_000_001, ""));
    }

    @Test
    @DisplayName("a request rate: at most 1e9 a second at one entry point, whatever its shape")
    void rates() throws IOException {
        assertEquals(1e9, ((ArrivalSpec.Rate) load("1m", "", POOL, 1,
                "traffic: [{service: web, arrivals: {constant: 1e9}}]\n").traffic().get(0).arrivals()).series().peak());
        assertEquals("s.yaml:9:46: the arrivals reach 1.100e+09 requests per second; kubesim simulates at most 1e9 a"
                        + " second at one entry point: lower the rate (or split it over entry points)",
                refusal("1m", "", POOL, 1, "traffic: [{service: web, arrivals: {diurnal: {mean: 6e8, amplitude: 5e8}}}]\n"));
    }

    @Test
    @DisplayName("a ramp longer than the run is stepped only as far as the run goes")
    void rampLongerThanTheRun() throws IOException {
        RateSeries s = ((ArrivalSpec.Rate) load("1m", "", POOL, 1,
                "traffic: [{service: web, arrivals: {ramp: {from: 0, to: 100, over: 2562047h}}}]\n").traffic().get(0)
                .arrivals()).series();
        assertEquals(61, s.times().length, "steps at 0s, 1s ... 60s, not 9.2 billion");
        assertEquals(100.0 * 30 / (2562047L * 3600), s.rateAt(SimTime.seconds(30)), 1e-15);
    }
}
