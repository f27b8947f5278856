package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesim.capacity.CapacityPlanner;
import io.kubesim.capacity.RunOutcome;
import io.kubesim.capacity.Slo;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code kubesim capacity}: the smallest pool that meets the SLO, the runs behind it, and its bad inputs. */
class CapacityCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Three 500m cart replicas on 1-core nodes (two pods a node) in three zones, 20 req/s for 10 minutes. */
    private Path cartScenario() throws IOException {
        Path cart = CliHarness.ROOT.resolve("library/manifests/cart.yaml");
        Path file = tmp.resolve("cart-capacity.yaml");
        Files.writeString(file, """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: cart-capacity}
                seed: 7
                duration: 10m
                manifests: ["%s"]
                cluster:
                  nodePools:
                    - {name: pool-a, count: 3, allocatable: {cpu: "1", memory: 4Gi}, zones: [a, b, c]}
                applications:
                  cart:
                    startupTime: 5s
                    serving: {concurrency: 20, serviceTime: {lognormal: {median: 10ms, p99: 50ms}}, timeout: 5s}
                traffic:
                  - service: cart
                    arrivals: {constant: 20}
                """.formatted(cart.toString().replace("\\", "/")));
        return file;
    }

    private JsonNode capacity(String... args) throws IOException {
        Path out = tmp.resolve("out-" + Math.abs(String.join(" ", args).hashCode()));
        List<String> all = new ArrayList<>(List.of("capacity"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString(), "-q"));
        CliHarness.Result r = CliHarness.run(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(out.resolve("capacity.json").toFile());
    }

    @Test
    @DisplayName("Online Boutique: 3 two-core nodes meet the SLO; with one node fewer the rollout's surge pod has no room")
    void onlineBoutique() throws IOException {
        String scenario = CliHarness.library("online-boutique-capacity.yaml");
        JsonNode report = capacity(scenario, "--slo", "error-ratio=0.5%,p99=250ms");
        JsonNode shape = report.get("shapes").get(0);
        int answer = shape.get("nodes").asInt();
        assertEquals(3, answer, "as the scenario's header says");
        assertEquals(answer, report.get("answer").get("nodes").asInt());
        for (JsonNode run : shape.get("runs")) {
            assertEquals(run.get("nodes").asInt() >= answer, run.get("met").asBoolean(), run.toString());
        }

        // Independently of the search: the scenario on one node fewer misses the SLO.
        SimulationSpec spec = ScenarioLoader.load(Path.of(scenario)).value();
        NodePool pool = spec.nodePools().get(0);
        RunOutcome fewer = CapacityPlanner.simulate(spec.withNodePools(List.of(pool.withCount(answer - 1))));
        Slo slo = new Slo(0.005, SimTime.millis(250), SimTime.minutes(2));
        List<String> violations = slo.violations(fewer);
        assertFalse(violations.isEmpty(), "one node fewer must miss the SLO");
        assertTrue(fewer.longestPendingPod().startsWith("default/cartservice-"), fewer.toString());
        assertTrue(fewer.longestPending() > SimTime.minutes(10), "the surge pod waits for good: " + fewer);
        RunOutcome atAnswer = CapacityPlanner.simulate(spec.withNodePools(List.of(pool.withCount(answer))));
        assertEquals(List.of(), slo.violations(atAnswer));
    }

    @Test
    @DisplayName("surviving the busiest node's loss takes one node more: its pods' replacements need room elsewhere")
    void survivingANodeLoss() throws IOException {
        String scenario = cartScenario().toString();
        JsonNode plain = capacity(scenario, "--slo", "error-ratio=off,pending=1m");
        assertEquals(2, plain.get("answer").get("nodes").asInt());
        JsonNode survive = capacity(scenario, "--slo", "error-ratio=off,pending=1m", "--survive", "node",
                "--loss-at", "1m");
        assertEquals(3, survive.get("answer").get("nodes").asInt());
        assertEquals("node", survive.get("survive").asText());
        JsonNode twoNodes = null;
        for (JsonNode run : survive.get("shapes").get(0).get("runs")) {
            if (run.get("nodes").asInt() == 2 && !run.get("lossAt").isNull()) {
                twoNodes = run;
            }
        }
        assertEquals(60, twoNodes.get("lossAt").asInt());
        assertFalse(twoNodes.get("met").asBoolean());
        assertTrue(twoNodes.get("violations").get(0).asText().startsWith("pod default/cart-"), twoNodes.toString());
    }

    @Test
    @DisplayName("the answer does not depend on how many runs go at once")
    void deterministicAcrossJobs() throws IOException {
        String scenario = cartScenario().toString();
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        for (Path out : List.of(one, two)) {
            CliHarness.Result r = CliHarness.run("capacity", scenario, "--survive", "zone", "--jobs",
                    out == one ? "1" : "2", "--out", out.toString(), "-q");
            assertEquals(0, r.exitCode(), r.err());
        }
        assertEquals(Files.readString(one.resolve("capacity.json")), Files.readString(two.resolve("capacity.json")));
    }

    @Test
    @DisplayName("several shapes: each is sized and the cheapest total wins")
    void cheapestShape() throws IOException {
        JsonNode report = capacity(cartScenario().toString(), "--slo", "error-ratio=off,pending=1m",
                "--node-shape", "small:cpu=1,memory=4Gi,price=0.05", "--node-shape", "large:cpu=2,memory=8Gi,price=0.12");
        assertEquals(2, report.get("shapes").get(0).get("nodes").asInt(), "small: 2 × 2 pods");
        assertEquals(1, report.get("shapes").get(1).get("nodes").asInt(), "large: 4 pods on one node");
        assertEquals("small", report.get("answer").get("shape").asText(), "0.10 against 0.12 per hour");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--slo=latency=5ms | --slo latency=5ms: unknown bound \"latency\" (expected error-ratio, p99 or pending)",
        "--slo=error-ratio=150% | --slo error-ratio=150%: error-ratio \"150%\": must lie between 0 and 100%",
        "--slo=p99=fast | --slo p99=fast: p99 \"fast\"",
        "--node-shape=cpu=4 | --node-shape cpu=4: cpu and memory are required",
        "--node-shape=cpu=4,memory=16Gi,disk=1 | --node-shape cpu=4,memory=16Gi,disk=1: unknown key \"disk\"",
        "--node-shape=cpu=-1,memory=1Gi | --node-shape cpu=-1,memory=1Gi: cpu \"-1\": must be more than 0",
        "--node-shape=cpu=1,memory=1Gi,price=1e400 | --node-shape cpu=1,memory=1Gi,price=1e400: price \"1e400\": expected a number from 0 up",
        "--pool=pool-x | --pool pool-x: the scenario has no such node pool (pools: pool-a)",
        "--survive=rack | --survive rack: expected none, node or zone",
        "--loss-at=1h | --loss-at 1h: must lie within the run (0 to 10m)",
        "--min=5 | --min 5 --max 1: need 1 <= min <= max",
    })
    @DisplayName("bad options: one clear message, exit 2, nothing written")
    void badOptions(String option, String message) throws IOException {
        Path out = tmp.resolve("bad");
        List<String> args = new ArrayList<>(List.of("capacity", cartScenario().toString(), option, "--out", out.toString()));
        if (option.startsWith("--min")) {
            args.add("--max=1");
        }
        if (option.startsWith("--loss-at")) {
            args.add("--survive=node");
        }
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: " + message), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    @DisplayName("several shapes need a name and a price each to be compared")
    void shapesNeedPrices() throws IOException {
        CliHarness.Result r = CliHarness.run("capacity", cartScenario().toString(), "--node-shape", "a:cpu=1,memory=4Gi",
                "--node-shape", "b:cpu=2,memory=8Gi,price=1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("to compare shapes, give each a name and a price"), r.err());
    }

    @Test
    @DisplayName("an autoscaled pool is the cluster autoscaler's to size")
    void autoscaledPool() {
        CliHarness.Result r = CliHarness.run("capacity", CliHarness.library("cluster-autoscaler-burst.yaml"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("is autoscaled (minCount 2, maxCount 6): capacity sizes pools of a fixed count"),
                r.err());
    }

    @Test
    @DisplayName("a zone loss needs a pool spread over zones")
    void zoneLossNeedsZones() {
        CliHarness.Result r = CliHarness.run("capacity", CliHarness.library("drain-no-pdb.yaml"), "--survive", "zone");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--survive zone: the scenario's node pools span 0 zone(s)"), r.err());
    }
}
