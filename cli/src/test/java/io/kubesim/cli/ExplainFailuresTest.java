package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubesim explain RUN_DIR --failures SERVICE}: the causal chain behind a Service's failed
 * requests, read from a real run's decisions (run through the CLI with {@code --decisions}).
 *
 * <p>The outputs for library/no-prestop.yaml are compared byte for byte with the golden files in
 * {@code cli/src/test/resources/explain/}. After an intended change of the wording (or of the
 * simulation), regenerate them with
 * {@code mvn -B -o -pl cli -am test -Dtest=ExplainFailuresTest -Dsurefire.failIfNoSpecifiedTests=false -Dkubesim.updateGoldens=true}
 * and review the diff.
 */
class ExplainFailuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path noPreStop;

    @BeforeAll
    static void runNoPreStop() {
        noPreStop = run("no-prestop.yaml", "no-prestop");
    }

    private static Path run(String scenario, String dir, String... extra) {
        Path out = tmp.resolve(dir);
        String[] args = new String[5 + extra.length];
        args[0] = "run";
        args[1] = CliHarness.library(scenario);
        args[2] = "--decisions";
        args[3] = "--out=" + out;
        args[4] = "-q";
        System.arraycopy(extra, 0, args, 5, extra.length);
        CliHarness.Result r = CliHarness.run(args);
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    @Test
    @DisplayName("no preStop: the text names the rollout, the missing preStop hook and the sleep that would have avoided the failures (golden)")
    void noPreStopText() throws IOException {
        String text = CliHarness.explain(noPreStop, "--failures", "checkout");
        GoldenFiles.assertMatches("no-prestop-failures.txt", text);
        // k8s-semantics.md 4.3: without a preStop hook SIGTERM comes at once; 5: the proxies lag the slice.
        assertTrue(text.contains("no preStop hook"), text);
        assertTrue(text.contains("rollout of Deployment default/checkout"), text);
        assertTrue(text.matches("(?s).*Fix: a preStop sleep of \\d+ s or more.*"), text);
    }

    @Test
    @DisplayName("no preStop: the JSON has one chain per stopped pod, and its failures add up to the Service's in summary.json (golden)")
    void noPreStopJson() throws IOException {
        String json = CliHarness.explain(noPreStop, "--failures", "checkout", "--json");
        GoldenFiles.assertMatches("no-prestop-failures.json", json);
        JsonNode e = JSON.readTree(json);
        long failed = JSON.readTree(noPreStop.resolve("summary.json").toFile())
                .path("services").path("checkout").path("failed").asLong();
        long sum = 0;
        int sigterms = 0;
        for (JsonNode s : e.path("steps")) {
            JsonNode f = s.path("facts");
            if (f.path("kind").asText().equals("RequestsFailed")) {
                sum += f.path("count").asLong();
                // k8s-semantics.md 17.5: refused while the pod lives, connect timeouts once its address is gone.
                assertTrue(List.of("connection_refused", "connect_timeout").contains(f.path("cause").asText()), f.toString());
            }
            if (f.path("kind").asText().equals("Terminating")) {
                sigterms++;
                assertEquals("none", f.path("preStop").asText());
            }
        }
        assertEquals(failed, sum, "every failed request is in a chain");
        assertEquals(4, sigterms, "the rollout stops the 4 old pods one by one");
    }

    @Test
    @DisplayName("the suggested preStop sleep covers the longest measured propagation, rounded up to whole seconds")
    void suggestedSleepCoversPropagation() throws IOException {
        JsonNode e = JSON.readTree(CliHarness.explain(noPreStop, "--failures", "checkout", "--json"));
        double longest = 0;
        double deleted = 0;
        for (JsonNode s : e.path("steps")) {
            JsonNode f = s.path("facts");
            if (f.path("kind").asText().equals("Terminating")) {
                deleted = s.path("time").asDouble();
            }
            if (f.path("kind").asText().equals("ProxyUpdated") && !f.path("routed").asBoolean()) {
                longest = Math.max(longest, s.path("time").asDouble() - deleted);
            }
        }
        String fix = e.path("conclusions").get(1).asText();
        assertTrue(fix.startsWith("Fix: a preStop sleep of " + (long) Math.ceil(longest) + " s or more"),
                longest + " -> " + fix);
    }

    @Test
    @DisplayName("explain output is byte-identical across two runs of the same scenario and seed")
    void deterministic() {
        Path again = run("no-prestop.yaml", "no-prestop-again");
        assertEquals(CliHarness.explain(noPreStop, "--failures", "checkout"), CliHarness.explain(again, "--failures", "checkout"));
        assertEquals(CliHarness.explain(noPreStop, "--failures", "checkout", "--json"),
                CliHarness.explain(again, "--failures", "checkout", "--json"));
    }

    @Test
    @DisplayName("--at narrows the answer to the chain around that time")
    void atNarrowsToOneChain() throws IOException {
        JsonNode e = JSON.readTree(CliHarness.explain(noPreStop, "--failures", "checkout", "--at", "2:01", "--json"));
        assertTrue(e.path("subject").asText().contains("in 1 chain"), e.path("subject").asText());
        String pod = null;
        for (JsonNode s : e.path("steps")) {
            JsonNode f = s.path("facts");
            if (f.path("kind").asText().equals("Terminating")) {
                assertEquals(null, pod, "one pod's chain");
                pod = f.path("object").asText();
                assertTrue(s.path("time").asDouble() <= 135, "the pod stopped just before 2:15");
            }
        }
        assertFalse(pod == null, "the chain starts with the pod's termination");
    }

    @Test
    @DisplayName("prestop-sleep.yaml: the same rollout with a 5 s preStop sleep explains zero failures (exit 0)")
    void preStopSleepHasNoFailures() {
        Path run = run("prestop-sleep.yaml", "prestop-sleep");
        String text = CliHarness.explain(run, "--failures", "checkout");
        assertTrue(text.contains("Service checkout had no failed requests"), text);
    }

    @Test
    @DisplayName("drain-no-pdb.yaml: names the drain that stopped every replica at once, the outage, and a PodDisruptionBudget as the fix")
    void drainWithoutPdb() throws IOException {
        Path run = run("drain-no-pdb.yaml", "drain-no-pdb");
        String text = CliHarness.explain(run, "--failures", "cart");
        assertTrue(text.contains("Cause: every pod of the Service was down at once (drain of node pool-a-1"), text);
        assertTrue(text.contains("had no endpoint at all from"), text);
        assertTrue(text.contains("Fix: a PodDisruptionBudget"), text);
        assertTrue(text.contains("kube-proxy had an endpoint again: pod cart-"), "when the outage ended: " + text);
        // k8s-semantics.md 5: with no ready endpoint left, kube-proxy uses the serving terminating ones.
        assertTrue(text.contains("used the terminating ones that still served"), text);
        JsonNode e = JSON.readTree(CliHarness.explain(run, "--failures", "cart", "--json"));
        long noEndpoints = 0;
        for (JsonNode s : e.path("steps")) {
            if (s.path("facts").path("cause").asText().equals("no_endpoints")) {
                noEndpoints += s.path("facts").path("count").asLong();
            }
        }
        assertEquals(JSON.readTree(run.resolve("summary.json").toFile()).path("requests").path("byCause")
                .path("no_endpoints").asLong(), noEndpoints, "the outage's failures are one chain with pod \"\"");
    }

    @Test
    @DisplayName("drain-no-pdb.yaml with a single replica: the fix is a second replica with a budget, since a budget alone would block the drain")
    void drainOfTheOnlyReplica() throws IOException {
        Path out = runEdited("one-replica", "manifests/cart.yaml", m -> m.replace("replicas: 3", "replicas: 1"),
                "drain-no-pdb.yaml", sc -> sc);
        String text = CliHarness.explain(out, "--failures", "cart");
        assertTrue(text.contains("Cause: every pod of the Service was down at once (drain of node pool-a-1"), text);
        // k8s-semantics.md 6.1: disruptionsAllowed = max(currentHealthy - desired, 0), so with one
        // replica minAvailable 1 allows no eviction; the advice must not be "minAvailable: replicas - 1" (0).
        assertTrue(text.contains("Fix: run two or more replicas on different nodes"), text);
        assertTrue(text.contains("minAvailable: 1 would block the drain instead"), text);
        assertFalse(text.contains("1 less than the replicas"), text);
    }

    @Test
    @DisplayName("a preStop sleep of 1 s, shorter than the propagation: named as too short, with the sleep that would cover it")
    void preStopTooShort() throws IOException {
        Path out = runEdited("short-prestop", "manifests/checkout-prestop.yaml",
                m -> m.replace("sleep: {seconds: 5}", "sleep: {seconds: 1}"), "prestop-sleep.yaml", sc -> sc);
        String text = CliHarness.explain(out, "--failures", "checkout");
        // k8s-semantics.md 4.3: SIGTERM comes after the hook, so the pod refuses from 1 s after its deletion.
        assertTrue(text.contains("preStop sleep 1s runs for 1.0 s before SIGTERM"), text);
        assertTrue(text.contains("had a preStop hook of sleep 1s (1.0 s), shorter than the propagation"), text);
        assertTrue(text.matches("(?s).*Fix: a preStop sleep of [2-9] s or more.*"), text);
    }

    @Test
    @DisplayName("early-readiness.yaml: failures on new pods right after they became routable are blamed on readiness before warm-up")
    void readinessBeforeWarmUp() {
        Path run = run("early-readiness.yaml", "early-readiness");
        String text = CliHarness.explain(run, "--failures", "search");
        assertTrue(text.contains("Cause: readiness passed before the app had warmed up"), text);
        assertTrue(text.contains("started routing new connections to pod search-"), text);
        assertTrue(text.contains("while it warmed up"), text);
        assertFalse(text.contains("preStop"), "no pod was stopped: " + text);
    }

    @Test
    @DisplayName("node-failure.yaml: requests hung on the pods of the dead node until it was marked NotReady")
    void nodeFailure() {
        Path run = run("node-failure.yaml", "node-failure");
        String text = CliHarness.explain(run, "--failures", "payments");
        // k8s-semantics.md 17.5: a vanished pod IP does not refuse; the client times out.
        assertTrue(text.contains("Cause: node pool-a-3 failed at 2:00.0, NotReady at 2:55.0"), text);
        assertTrue(text.contains("(connect_timeout)"), text);
    }

    @Test
    @DisplayName("blue-green.yaml: the preview Service's failures are blamed on the Rollout pointing it at pods not yet "
            + "ready (its SwitchService event), not on replicas all down at once (k8s-semantics.md 20.4)")
    void previewSwitchedBeforeReady() {
        Path run = run("blue-green.yaml", "blue-green");
        String text = CliHarness.explain(run, "--failures", "checkout-preview");
        assertTrue(text.contains("Cause: the Rollout checkout pointed the Service at pods that were not ready (Switched "
                + "selector for service 'checkout-preview' from '"), text);
        assertTrue(text.contains("send preview traffic (tests, smoke checks) only while the Rollout is paused"), text);
        assertFalse(text.contains("every pod of the Service was down at once"), text);
    }

    @Test
    @DisplayName("bad-release-rolling.yaml: a version that answers 500 is blamed on the release, with a roll-back and a "
            + "canary as the fix, not on capacity")
    void badRelease() {
        Path run = run("bad-release-rolling.yaml", "bad-release-rolling");
        String text = CliHarness.explain(run, "--failures", "checkout");
        assertTrue(text.contains("Cause: the app itself answered errors: pods checkout-"), text);
        assertTrue(text.contains("with status 500 (app_error), the errors of the version they run (a bad release)"), text);
        assertTrue(text.contains("Fix: roll the release back"), text);
        assertFalse(text.contains("could not serve all the requests"), text);
    }

    @Test
    @DisplayName("two upgrades of a one-node pool without a budget: two separate times with no endpoint, each named, "
            + "not one span from the first to the last")
    void twoOutagesNamedApart() throws IOException {
        Path out = runEdited("two-upgrades", "manifests/cart.yaml", m -> m, "drain-no-pdb.yaml",
                sc -> sc.replace("duration: 6m", "duration: 10m").replace("    upgrade: {pool: pool-a}",
                        "    upgrade: {pool: pool-a}\n  - at: 6m\n    upgrade: {pool: pool-a}"));
        String text = CliHarness.explain(out, "--failures", "cart");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("the Service had no endpoint at all from (\\S+) "
                + "to (\\S+) and from (\\S+) to (\\S+):").matcher(text);
        assertTrue(m.find(), text);
        assertTrue(m.group(2).compareTo("6:00.0") < 0 && m.group(3).compareTo("6:00.0") > 0,
                "one episode per upgrade: " + m.group());
    }

    @Test
    @DisplayName("no preStop and slow requests: the preStop fix says which failures a sleep would not save, the "
            + "requests the pods held when their app stopped (k8s-semantics.md 4.3)")
    void preStopAndHeldRequests() throws IOException {
        Path out = runEdited("held", "manifests/checkout.yaml", m -> m, "no-prestop.yaml",
                sc -> sc.replace("serviceTime: {lognormal: {median: 25ms, p99: 120ms}}",
                        "serviceTime: {lognormal: {median: 2s, p99: 5s}}").replace("concurrency: 50", "concurrency: 400"));
        String text = CliHarness.explain(out, "--failures", "checkout");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("pods stopped by the rollout of Deployment "
                + "default/checkout had no preStop hook.*? requests failed \\(([^)]*)\\)").matcher(text);
        assertTrue(m.find(), text);
        java.util.regex.Matcher killed = java.util.regex.Pattern.compile("([\\d,]+) killed_in_flight").matcher(m.group(1));
        assertTrue(killed.find(), "slow requests in flight at the app's exit: " + m.group(1));
        assertTrue(text.contains("The sleep would not have saved the " + killed.group(1) + " requests the pods held "
                + "(in flight or queued) when their app stopped (killed_in_flight)"), text);
    }

    @Test
    @DisplayName("no readiness probe: a pod is Ready once its container starts, before its app listens, and its first "
            + "connections are refused; blamed on the missing probe, not on capacity (k8s-semantics.md 4.1, 17.5)")
    void readyBeforeListening() throws IOException {
        Path out = runEdited("no-probe", "manifests/checkout.yaml",
                m -> m.replace("          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n"
                        + "            periodSeconds: 2\n", ""),
                "no-prestop.yaml", sc -> sc.replace("{at: 0s, rate: 0}, {at: 1m, rate: 300}", "{at: 0s, rate: 100}")
                        .replace("duration: 5m", "duration: 1m"));
        String text = CliHarness.explain(out, "--failures", "checkout");
        assertTrue(text.contains("(connection_refused) on pod checkout-"), text);
        assertTrue(text.contains("Cause: pods were ready before their app listened: "), text);
        assertTrue(text.contains("Fix: a readiness probe on the app's port"), text);
        assertFalse(text.contains("could not serve all the requests"), text);
    }

    @Test
    @DisplayName("a StatefulSet's pod rolled, then its node lost: the later failures are the node's, not the rolled pod's "
            + "stop (the pod comes back under the same name, k8s-semantics.md 11.2)")
    void statefulSetPodStoppedThenNodeLost() throws IOException {
        Path out = runEdited("rolled-then-lost", "manifests/orders-db-zonal.yaml", m -> m,
                "statefulset-node-failure.yaml", sc -> sc.replace("  - at: 3m\n    failNodes",
                        "  - at: 1m10s\n    rollout: {statefulset: orders-db, images: {db: \"registry.example.com/orders-db:14.3\"}}\n"
                                + "  - at: 6m\n    failNodes").replace("  - at: 12m\n    removeNodes", "  - at: 15m\n    removeNodes"));
        String text = CliHarness.explain(out, "--failures", "orders-db");
        assertTrue(text.contains("Cause: node pool-b-1 failed at 6:00.0"), text);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "Cause: the (\\d+) pods stopped by the deletion by StatefulSet default/orders-db had no preStop hook")
                .matcher(text);
        assertTrue(m.find(), text);
        List<String> sigterms = text.lines().filter(l -> l.contains("got SIGTERM")).toList();
        assertEquals(Integer.parseInt(m.group(1)), sigterms.size(), "each stop told once, in its own chain: " + text);
        assertEquals(sigterms.size(), new java.util.HashSet<>(sigterms).size(), text);
    }

    @Test
    @DisplayName("noisy-neighbour.yaml: the storefront's failures are blamed on node-pressure eviction, not on a missing preStop")
    void nodePressureEviction() {
        Path run = run("noisy-neighbour.yaml", "noisy-neighbour");
        String text = CliHarness.explain(run, "--failures", "storefront");
        // k8s-semantics.md 4.5: the kubelet evicts with its own short grace period; 4.3: preStop is capped by it.
        assertTrue(text.contains("Cause: the kubelet evicted pods storefront-"), text);
        assertTrue(text.contains("A preStop sleep cannot outlast that grace period."), text);
        assertTrue(text.contains("The node was low on resource: memory."), "the Evicted event's message: " + text);
        assertFalse(text.contains("Fix: a preStop sleep"), text);
    }

    @Test
    @DisplayName("a storefront that leaks to its 512Mi limit: its failures are blamed on OOM kills, and so is the outage they cause")
    void oomKills() throws IOException {
        Path out = runEdited("oom", "manifests/noisy-neighbour-limits.yaml",
                m -> m.replace("requests: {cpu: 250m, memory: 256Mi}",
                        "requests: {cpu: 250m, memory: 256Mi}\n            limits: {memory: 512Mi}"),
                "noisy-neighbour-limits.yaml",
                sc -> sc.replace("duration: 20m", "duration: 4m")
                        .replace("      memory: 400Mi\n", "      memory: 400Mi\n      memoryGrowthPerMinute: 100Mi\n"));
        String text = CliHarness.explain(out, "--failures", "storefront");
        assertTrue(text.contains("was OOMKilled: its working set reached its memory limit 512Mi (OOMKilled)"), text);
        assertTrue(text.contains("were OOM-killed (at the memory limit"), text);
        assertTrue(text.contains("Cause: every pod of the Service was down at once (OOM-killed: storefront-"), text);
        assertFalse(text.contains("preStop"), "no pod was deleted: " + text);
    }

    @Test
    @DisplayName("traffic before a slow readiness probe passes: the cause names when the first pod turned Ready and "
            + "the probe's initialDelaySeconds that held it (k8s-semantics.md 4.1)")
    void readinessInitialDelay() throws IOException {
        Path out = runEdited("initial-delay", "manifests/checkout.yaml",
                m -> m.replace("            periodSeconds: 2\n", "            initialDelaySeconds: 90\n            periodSeconds: 2\n"),
                "no-prestop.yaml",
                sc -> sc.replace("{at: 0s, rate: 0}, {at: 1m, rate: 300}", "{at: 0s, rate: 0}, {at: 30s, rate: 50}")
                        .replace("duration: 5m", "duration: 3m"));
        String text = CliHarness.explain(out, "--failures", "checkout");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("turned Ready (\\d+\\.\\d) s after the container "
                + "started \\(readiness probe: initialDelaySeconds 90, periodSeconds 2\\)").matcher(text);
        assertTrue(m.find(), text);
        double sinceStart = Double.parseDouble(m.group(1));
        assertTrue(sinceStart >= 90 && sinceStart <= 90 + 2 + 1, "no probe before initialDelaySeconds, then every period: "
                + sinceStart);
        assertTrue(text.contains("Cause: requests arrived before any pod of the Service was ready (its pods were still "
                + "starting; pod checkout-"), text);
        assertTrue(text.contains("a shorter readiness probe initialDelaySeconds"), text);
    }

    @Test
    @DisplayName("fluid traffic: the same rollout explained from fluid bursts names the missing preStop too")
    void fluidMode() {
        Path run = run("no-prestop.yaml", "no-prestop-fluid", "--traffic-mode=fluid");
        String text = CliHarness.explain(run, "--failures", "checkout");
        assertTrue(text.contains("had no preStop hook"), text);
        assertTrue(text.matches("(?s).*Fix: a preStop sleep of \\d+ s or more.*"), text);
    }

    @Test
    @DisplayName("an unknown Service is exit 2 naming the Services the run has")
    void unknownService() {
        CliHarness.Result r = CliHarness.run("explain", noPreStop.toString(), "--failures", "nope");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--failures nope: no such Service with traffic in the run (services: checkout)"),
                r.err());
    }

    /**
     * web (12 pods, 2 workers each) calls grpc-api with a connection per call and no connect
     * timeout; grpc-api is rolled out with no preStop, so calls connect to a gone pod's address and
     * wait 10 s (k8s-semantics.md 17.5) while web's requests queue behind them.
     */
    private static Path waitedScenario(String connectTimeout) throws IOException {
        String manifests = CliHarness.ROOT.resolve("library/manifests/grpc-shop.yaml").toAbsolutePath().toString();
        String client = connectTimeout == null ? "{connections: perRequest}"
                : "{connections: perRequest, connectTimeout: " + connectTimeout + "}";
        Path f = tmp.resolve("waited-" + (connectTimeout == null ? "none" : connectTimeout) + ".yaml");
        Files.writeString(f, String.join("\n",
                "apiVersion: kubesim.io/v1alpha1", "kind: Scenario", "metadata: {name: waited}", "seed: 1",
                "duration: 4m", "manifests: [" + manifests + "]",
                "cluster:", "  nodePools: [{name: p, count: 3, allocatable: {cpu: \"8\", memory: 32Gi}}]",
                "applications:", "  web:", "    serving:", "      concurrency: 2", "      queueLimit: 10",
                "      serviceTime: 2ms", "      calls: [{service: grpc-api, timeout: 10s, client: " + client + "}]",
                "  grpc-api:", "    shutdownTime: 0s", "    serving: {serviceTime: 5ms}",
                "traffic:", "  - service: web", "    startAt: 30s", "    arrivals: {constant: 100}",
                "timeline:", "  - at: 2m", "    rollout: {deployment: grpc-api}", ""));
        Path out = tmp.resolve("run-" + f.getFileName());
        CliHarness.Result r = CliHarness.run("run", f.toString(), "--decisions", "--out=" + out, "-q");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    @Test
    @DisplayName("a caller whose workers wait on calls to a gone address: the queue fills, and explain names the calls "
            + "that waited and the connect timeout that frees the workers")
    void callersWaitOnConnectTimeouts() throws IOException {
        Path run = waitedScenario(null);
        String text = CliHarness.explain(run, "--failures", "web");
        assertTrue(text.contains("calls down its path to grpc-api got no answer"), text);
        assertTrue(text.contains("Fix: a connect timeout of a second or two on those calls"), text);
        JsonNode web = JSON.readTree(run.resolve("summary.json").toFile()).path("services").path("web");
        long queued = web.path("failedByCause").path("queue_full").asLong();
        assertTrue(queued > 500, "web's queue overflowed: " + web);

        JsonNode fixed = JSON.readTree(waitedScenario("1s").resolve("summary.json").toFile()).path("services").path("web");
        assertTrue(fixed.path("failed").asLong() * 5 < web.path("failed").asLong(),
                "a 1 s connect timeout frees the workers: " + fixed + " against " + web);
    }

    /**
     * Runs {@code library/<scenario>}, edited by {@code editScenario}, with {@code --decisions}, on
     * a copy of {@code library/<manifest>} edited by {@code editManifest}; returns the run folder.
     */
    private Path runEdited(String name, String manifest, java.util.function.UnaryOperator<String> editManifest,
                           String scenario, java.util.function.UnaryOperator<String> editScenario) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Path copy = dir.resolve(Path.of(manifest).getFileName());
        Files.writeString(copy, editManifest.apply(Files.readString(CliHarness.ROOT.resolve("library/" + manifest))));
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, editScenario.apply(Files.readString(CliHarness.ROOT.resolve("library/" + scenario))
                .replace(manifest, copy.toString())));
        Path out = dir.resolve("run");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--decisions", "--out=" + out, "-q");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }
}
