package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubesim audit}: findings as text, JSON and SARIF, the severity gate, and bad input. */
class AuditCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One replica behind a Service, no probes, no resources: several findings of every severity. */
    private static final String CARELESS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cart}
            spec:
              selector: {matchLabels: {app: cart}}
              template:
                metadata: {labels: {app: cart}}
                spec:
                  containers: [{name: cart, image: "cart:1"}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cart}
            spec: {selector: {app: cart}, ports: [{port: 80}]}
            ---
            apiVersion: policy/v1beta1
            kind: PodDisruptionBudget
            metadata: {name: cart}
            spec: {minAvailable: 1, selector: {matchLabels: {app: cart}}}
            """;

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void textGroupsFindingsByAreaWithTheirPlaceAndFix() throws IOException {
        Path f = write("cart.yaml", CARELESS);
        CliHarness.Result r = CliHarness.run("audit", f.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("audit of 3 objects in 1 file for Kubernetes 1.34: "), r.out());
        assertTrue(r.out().contains("\nResource requests and limits\n  medium memory-limit-missing  Deployment default/cart\n"),
                r.out());
        assertTrue(r.out().contains("  medium requests-missing  Deployment default/cart\n    " + f
                + ":9:20: container cart has no CPU and no memory request"), r.out());
        assertTrue(r.out().indexOf("\nResource requests") < r.out().indexOf("\nPodDisruptionBudget coverage")
                && r.out().indexOf("\nPodDisruptionBudget coverage") < r.out().indexOf("\nAPI versions"),
                "areas in the seed's audit order: " + r.out());
        assertTrue(r.out().contains("    fix: apiVersion: policy/v1\n"), r.out());
    }

    @Test
    void theSeverityGateExitsThreeAtOrAboveItsLevel() throws IOException {
        Path f = write("cart.yaml", CARELESS);
        assertEquals(3, CliHarness.run("audit", f.toString(), "--fail-on-severity", "high").exitCode());
        Path clean = write("clean.yaml", CARELESS.substring(0, CARELESS.indexOf("---")));
        // a Deployment nobody routes to, with neither requests nor limits: medium findings only
        assertEquals(ExitCodes.OK, CliHarness.run("audit", clean.toString(), "--fail-on-severity", "high").exitCode());
        assertEquals(3, CliHarness.run("audit", clean.toString(), "--fail-on-severity", "medium").exitCode());
    }

    @Test
    void jsonAndSarifCarryTheSameFindings() throws IOException {
        Path f = write("cart.yaml", CARELESS);
        JsonNode json = JSON.readTree(CliHarness.run("audit", f.toString(), "--format", "json").out());
        Path sarifFile = tmp.resolve("out/audit.sarif");
        CliHarness.Result r = CliHarness.run("audit", f.toString(), "--format", "sarif", "--out", sarifFile.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("audit: "), r.out());
        JsonNode sarif = JSON.readTree(sarifFile.toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode run = sarif.get("runs").get(0);
        JsonNode results = run.get("results");
        assertEquals(json.get("findings").size(), results.size());
        assertTrue(json.get("findings").size() >= 5, json.toString());
        for (int i = 0; i < results.size(); i++) {
            JsonNode finding = json.get("findings").get(i);
            JsonNode result = results.get(i);
            assertEquals(finding.get("rule").asText(), result.get("ruleId").asText());
            JsonNode rule = run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt());
            assertEquals(result.get("ruleId").asText(), rule.get("id").asText(), "ruleIndex points at its rule");
            assertFalse(rule.at("/help/text").asText().isEmpty());
            JsonNode region = result.at("/locations/0/physicalLocation/region");
            assertEquals(finding.get("line").asInt(), region.get("startLine").asInt());
            assertEquals(finding.get("column").asInt(), region.get("startColumn").asInt());
            String level = result.get("level").asText();
            assertEquals(switch (finding.get("severity").asText()) {
                case "high" -> "error";
                case "medium" -> "warning";
                default -> "note";
            }, level);
        }
        assertEquals(CliHarness.run("audit", f.toString(), "--format", "json").out(),
                CliHarness.run("audit", f.toString(), "--format", "json").out(), "deterministic");
    }

    @Test
    void standardInputIsAudited() {
        CliHarness.Result r = CliHarness.runWithStdin(CARELESS, "audit", "-");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("<stdin>:9:20: container cart has no CPU"), r.out());
    }

    @Test
    void badInputIsOneLocatedErrorAndExitTwo() throws IOException {
        Path bad = write("bad.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: many}\n");
        CliHarness.Result r = CliHarness.run("audit", bad.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains(bad + ":4:"), r.err());
        assertFalse(r.err().contains("at io.kubesim"), r.err());
        assertEquals(ExitCodes.BAD_INPUT, CliHarness.run("audit", tmp.resolve("missing.yaml").toString()).exitCode());
        Path f = write("cart.yaml", CARELESS);
        CliHarness.Result format = CliHarness.run("audit", f.toString(), "--format", "xml");
        assertEquals(ExitCodes.BAD_INPUT, format.exitCode());
        assertTrue(format.err().contains("--format xml: expected text, json or sarif"), format.err());
        CliHarness.Result version = CliHarness.run("audit", f.toString(), "--kube-version", "2.0");
        assertEquals(ExitCodes.BAD_INPUT, version.exitCode());
        assertTrue(version.err().contains("--kube-version 2.0: expected a release such as 1.29"), version.err());
        CliHarness.Result severity = CliHarness.run("audit", f.toString(), "--fail-on-severity", "urgent");
        assertEquals(ExitCodes.BAD_INPUT, severity.exitCode());
        assertFalse(Files.exists(tmp.resolve("never.sarif")));
    }

    @Test
    void kubeVersionDecidesWhatIsRemoved() throws IOException {
        Path f = write("cart.yaml", CARELESS);
        assertTrue(CliHarness.run("audit", f.toString(), "--kube-version", "1.24").out().contains("api-deprecated"));
        assertTrue(CliHarness.run("audit", f.toString(), "--kube-version", "v1.25.3").out().contains("api-removed"));
    }

    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: audit-behaviour}
            duration: 30m
            manifests: [app.yaml]
            cluster:
              nodePools: [{name: pool, count: 2, allocatable: {cpu: "4", memory: 16Gi}}]
            applications:
              api:
                startupTime: {lognormal: {median: 30s, p99: 60s}}
                usage: {memory: %s, memoryGrowthPerMinute: %s}
            """;
    private static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: 1
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers:
                    - name: api
                      image: api:1
                      resources: {requests: {cpu: 500m, memory: 512Mi}, limits: {memory: 1Gi}}
                      livenessProbe: {httpGet: {path: /healthz, port: 8080}, initialDelaySeconds: 5, periodSeconds: 5}
            %s
            """;

    /** The rule ids {@code audit --scenario} finds among {@code ids}. */
    private java.util.List<String> behaviourFindings(String app, String memory, String growth, String... ids)
            throws IOException {
        Path dir = Files.createTempDirectory(tmp, "behaviour");
        Files.writeString(dir.resolve("app.yaml"), app);
        Files.writeString(dir.resolve("s.yaml"), SCENARIO.formatted(memory, growth));
        CliHarness.Result r = CliHarness.run("audit", dir.resolve("app.yaml").toString(), "--scenario",
                dir.resolve("s.yaml").toString(), "--format", "json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        java.util.List<String> out = new java.util.ArrayList<>();
        for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
            if (java.util.List.of(ids).contains(f.get("rule").asText())) {
                out.add(f.get("rule").asText() + ": " + f.get("message").asText());
            }
        }
        return out;
    }

    @Test
    void probeTimingIsJudgedAgainstTheScenariosStartupTime() throws IOException {
        // liveness restarts after 5 + 3 x 5 = 20 s; the scenario's starts take 30 s (median) to 60 s (p99)
        java.util.List<String> f = behaviourFindings(APP.formatted(""), "300Mi", "0", "probe-timing");
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).contains("the livenessProbe restarts it at most 20 s after it starts"), f.get(0));
        assertTrue(f.get(0).contains("91 % of its starts take longer"), "P(lognormal(30 s, p99 60 s) > 20 s): " + f.get(0));
        String withStartupProbe = APP.formatted("").replace("livenessProbe:",
                "startupProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 5, failureThreshold: 30}\n"
                        + "          livenessProbe:");
        assertEquals(java.util.List.of(), behaviourFindings(withStartupProbe, "300Mi", "0", "probe-timing"),
                "a startupProbe of 150 s covers the slowest start");
        Path f2 = write("plain.yaml", APP.formatted(""));
        assertFalse(CliHarness.run("audit", f2.toString()).out().contains("probe-timing"),
                "without a scenario there is no start-up time to judge by");
    }

    @Test
    void memoryLimitsAreJudgedAgainstTheScenariosUsage() throws IOException {
        java.util.List<String> above = behaviourFindings(APP.formatted(""), "1200Mi", "0", "memory-limit-below-usage");
        assertEquals(1, above.size(), above.toString());
        assertTrue(above.get(0).contains("working set (1200Mi, the scenario's memory usage) is at or above its memory "
                + "limit 1Gi"), above.get(0));
        java.util.List<String> leak = behaviourFindings(APP.formatted(""), "512Mi", "64Mi", "memory-limit-below-usage");
        assertEquals(1, leak.size(), leak.toString());
        assertTrue(leak.get(0).contains("reaches the 1Gi limit after about 8 min"), leak.get(0));
        assertEquals(java.util.List.of(), behaviourFindings(APP.formatted(""), "512Mi", "0", "memory-limit-below-usage"));
    }

    @Test
    void readinessBeforeWarmUpOnTheLibraryPair() {
        CliHarness.Result early = CliHarness.run("audit", CliHarness.library("manifests/search-early-readiness.yaml"),
                "--scenario", CliHarness.library("early-readiness.yaml"));
        assertTrue(early.out().contains("readiness-before-warmup  Deployment default/search"), early.out());
        assertTrue(early.out().contains("turns Ready about 8 s after it starts, 40 s before its warm-up ends"),
                early.out());
        CliHarness.Result calibrated = CliHarness.run("audit",
                CliHarness.library("manifests/search-calibrated-readiness.yaml"), "--scenario",
                CliHarness.library("calibrated-readiness.yaml"));
        assertFalse(calibrated.out().contains("readiness-before-warmup"), calibrated.out());
    }

    @Test
    void simulateRunsEachDrillWithAndWithoutTheFix() throws IOException {
        // library/manifests/checkout.yaml: 4 replicas behind a Service, no PDB, no preStop, default rolling update
        String checkout = CliHarness.library("manifests/checkout.yaml");
        CliHarness.Result r = CliHarness.run("audit", checkout, "--simulate", "--format", "json", "--jobs", "2");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode pdb = null;
        JsonNode preStop = null;
        for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
            if (f.get("rule").asText().equals("pdb-missing")) {
                pdb = f.get("simulated");
            }
            if (f.get("rule").asText().equals("prestop-missing")) {
                preStop = f.get("simulated");
            }
        }
        assertTrue(pdb != null && preStop != null, r.out());
        // every node drained at once: without a budget all replicas go together (an outage); with it, one at a time
        assertTrue(pdb.get("drill").asText().startsWith("upgrade of pool audit-pool draining its 3 nodes at once"),
                pdb.toString());
        assertTrue(pdb.get("outageSeconds").asLong() > 0, pdb.toString());
        assertEquals(0, pdb.get("fixedOutageSeconds").asLong(), pdb.toString());
        assertTrue(pdb.get("fixedFailed").asLong() < pdb.get("failed").asLong(), pdb.toString());
        assertEquals("rollout of default/checkout (at Service checkout)", preStop.get("drill").asText());
        assertTrue(preStop.get("failed").asLong() > 0, preStop.toString());
        assertEquals(0, preStop.get("fixedFailed").asLong(), "the preStop sleep drains: " + preStop);
        assertTrue(!preStop.get("withinNoise").asBoolean(), "a real difference over the 3 replications: " + preStop);
        assertEquals(r.out(), CliHarness.run("audit", checkout, "--simulate", "--format", "json", "--jobs", "1").out(),
                "the same whatever the thread count");
    }

    @Test
    void simulateOnAScenarioProvesTheDnsFinding() {
        CliHarness.Result r = CliHarness.run("audit", CliHarness.library("manifests/shop-netpol.yaml"), "--scenario",
                CliHarness.library("network-policy-dns.yaml"), "--simulate");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "simulated: steady traffic: ([\\d,]+) failed requests and (\\d+) s of outage; with the DNS rule: 0 and 0 s\n")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Long.parseLong(m.group(1).replace(",", "")) > 30_000, "every page fails: " + m.group(1));
        assertTrue(Long.parseLong(m.group(2)) > 400, "both Services out for the run: " + m.group(2));
        CliHarness.Result stdin = CliHarness.runWithStdin("apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n",
                "audit", "-", "--simulate");
        assertEquals(ExitCodes.BAD_INPUT, stdin.exitCode());
        assertTrue(stdin.err().contains("--simulate without --scenario needs the manifests as files, not -"), stdin.err());
    }

    @Test
    void aSingleReplicasNodeFailureIsAnOutageThatASecondReplicaPrevents() throws IOException {
        Path f = write("cart.yaml", CARELESS.replace("apiVersion: policy/v1beta1", "apiVersion: policy/v1"));
        CliHarness.Result r = CliHarness.run("audit", f.toString(), "--simulate", "--format", "json", "--replications", "1");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode single = null;
        for (JsonNode x : JSON.readTree(r.out()).get("findings")) {
            if (x.get("rule").asText().equals("single-replica")) {
                single = x.get("simulated");
            }
        }
        assertTrue(single != null, r.out());
        assertEquals("failure of the node running default/cart (at Service cart)", single.get("drill").asText());
        // the node stays down: no endpoint until the pod is evicted (300 s toleration) and replaced
        assertTrue(single.get("outageSeconds").asLong() > 300, single.toString());
        assertTrue(single.get("fixedOutageSeconds").asLong() < 30, single.toString());
    }

    @Test
    void nodeConcentrationIsJudgedOnTheScenariosPlacement() throws IOException {
        String app = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                %s
                      containers:
                        - {name: web, image: "web:1", resources: {requests: {cpu: 100m, memory: 128Mi}}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {selector: {app: web}, ports: [{port: 80}]}
                """;
        String scenario = """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: concentration}
                duration: 5m
                manifests: [app.yaml]
                cluster:
                  nodePools: [{name: pool, count: 3, allocatable: {cpu: "4", memory: 16Gi}, zones: [zone-a, zone-b, zone-c]}]
                """;
        Path dir = Files.createTempDirectory(tmp, "concentration");
        Files.writeString(dir.resolve("s.yaml"), scenario);
        // a required pod affinity to itself packs every replica onto one node
        Files.writeString(dir.resolve("app.yaml"), app.formatted("""
                      affinity:
                        podAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            - {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}
                """.stripTrailing()));
        CliHarness.Result packed = CliHarness.run("audit", dir.resolve("app.yaml").toString(), "--scenario",
                dir.resolve("s.yaml").toString());
        assertTrue(packed.out().contains("after scheduling on the scenario's 3 nodes, 3 of its 3 replicas run on node "),
                packed.out());
        assertTrue(packed.out().contains("(an even spread puts 1 there)"), packed.out());
        // the default scheduler spreads them by itself here: one per node, nothing to say
        Files.writeString(dir.resolve("app.yaml"), app.formatted(""));
        CliHarness.Result spread = CliHarness.run("audit", dir.resolve("app.yaml").toString(), "--scenario",
                dir.resolve("s.yaml").toString());
        assertFalse(spread.out().contains("node-concentration"), spread.out());
        assertFalse(CliHarness.run("audit", dir.resolve("app.yaml").toString()).out().contains("node-concentration"),
                "no cluster, no placement");
    }

    @Test
    void aLeakWithoutALimitCostsTheNeighboursAndALimitConfinesIt() throws IOException {
        // library/noisy-neighbour.yaml: the cache outranks the storefront pods beside it (PriorityClass),
        // so the kubelet evicts them first when the cache's leak starves the node
        CliHarness.Result r = CliHarness.run("audit", CliHarness.library("manifests/noisy-neighbour.yaml"), "--scenario",
                CliHarness.library("noisy-neighbour.yaml"), "--simulate", "--replications", "1", "--format", "json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode leak = null;
        for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
            if (f.get("rule").asText().equals("memory-limit-missing") && f.get("object").asText().endsWith("session-cache")) {
                leak = f.get("simulated");
            }
        }
        assertTrue(leak != null, r.out());
        assertEquals("a memory leak of 2Gi/min in default/session-cache (at every Service)", leak.get("drill").asText());
        assertTrue(leak.get("failed").asLong() > 0, "the evicted storefront pods cost requests: " + leak);
        assertEquals(0, leak.get("fixedFailed").asLong(), "the limit OOM-kills the cache alone: " + leak);
    }

    @Test
    void rolloutsNearCapacityOnTheLibraryPair() {
        // library/default-max-unavailable.yaml: 700 req/s on 4 orders pods; 25 % unavailable leaves 3
        CliHarness.Result near = CliHarness.run("audit", CliHarness.library("manifests/orders-default.yaml"), "--scenario",
                CliHarness.library("default-max-unavailable.yaml"));
        assertTrue(near.out().contains("rolling-update-near-capacity  Deployment default/orders"), near.out());
        assertTrue(near.out().contains("at the scenario's peak (700 req/s) its 4 pods run at 86 % of their capacity "
                + "(203 req/s each), and the 3 left during a rollout at 115 %"), near.out());
        assertFalse(near.out().contains("rolling-update-defaults"), "with a scenario, its load decides");
        CliHarness.Result kept = CliHarness.run("audit", CliHarness.library("manifests/orders-zero-unavailable.yaml"),
                "--scenario", CliHarness.library("zero-max-unavailable.yaml"));
        assertFalse(kept.out().contains("rolling-update"), kept.out());
    }

    @Test
    void anHpaTargetTooHighCostsRequestsWhenTheLoadJumps() throws IOException {
        // library/hpa-target-95.yaml: the checkout HPA at 95 %, 2 to 30 replicas
        CliHarness.Result r = CliHarness.run("audit", CliHarness.library("manifests/checkout-hpa-95.yaml"), "--scenario",
                CliHarness.library("hpa-target-95.yaml"), "--simulate", "--format", "json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode jump = null;
        for (JsonNode f : JSON.readTree(r.out()).get("findings")) {
            if (f.get("rule").asText().equals("hpa-cpu-target")) {
                jump = f.get("simulated");
            }
        }
        assertTrue(jump != null, r.out());
        assertTrue(jump.get("drill").asText().startsWith("a jump from 1/15 of the peak load to the peak for 3 min"),
                jump.toString());
        assertTrue(jump.get("fixedFailed").asLong() < jump.get("failed").asLong(), jump.toString());
        assertTrue(!jump.get("withinNoise").asBoolean(), "a 65 % target leaves headroom for the climb: " + jump);
    }

    @Test
    void preStopNamesTheScenariosPropagation() {
        CliHarness.Result r = CliHarness.run("audit", CliHarness.library("manifests/checkout.yaml"), "--scenario",
                CliHarness.library("no-prestop.yaml"));
        // NetworkSpec.DEFAULT: the slice write within 1 s, kube-proxy within 2 s after it
        assertTrue(r.out().contains("while the balancers (up to 3.0 s in this scenario: the EndpointSlice write, then "
                + "kube-proxy's sync) still send it new connections"), r.out());
    }
}
