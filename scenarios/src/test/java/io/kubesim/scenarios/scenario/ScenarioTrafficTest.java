package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ClientSpec;
import io.kubesim.app.RetryBudget;
import io.kubesim.app.RetryOn;
import io.kubesim.app.ServingModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;
import io.kubesim.traffic.ProxyMode;
import io.kubesim.traffic.RateSeries;
import io.kubesim.traffic.RateShapes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario's {@code traffic}, {@code network} and {@code applications.*.serving} sections as
 * the loader reads them into {@link SimulationSpec}, and every bad input as one located error.
 */
class ScenarioTrafficTest {
    private static final long S = SimTime.MICROS_PER_SECOND;
    private static final long M = SimTime.MICROS_PER_MINUTE;

    /** Line numbers below refer to this text; line 14 holds the arrivals. */
    static final String BASE = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata:
              name: t
            duration: 10m
            manifests: [app.yaml]
            cluster:
              nodePools:
                - name: pool-a
                  count: 1
                  allocatable: {cpu: "4", memory: 16Gi}
            traffic:
              - service: frontend
                arrivals: {constant: 50}
            """;

    static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: frontend}
            spec:
              selector: {matchLabels: {app: frontend}}
              template:
                metadata: {labels: {app: frontend}}
                spec: {containers: [{name: web, image: nginx}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: frontend}
            spec: {selector: {app: frontend}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: backend, namespace: shop}
            spec: {selector: {app: backend}, ports: [{port: 80}]}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeFiles() throws Exception {
        Files.writeString(dir.resolve("app.yaml"), APP);
        Files.createDirectories(dir.resolve("traces"));
        Files.writeString(dir.resolve("traces/ts.csv"), "TIMESTAMP,n\r\n2023-11-16 18:15:46.6805900,1\r\n"
                + "2023-11-16 18:15:50.9951690,2\r\n2023-11-16 18:16:00.0000000,3\r\n");
        Files.writeString(dir.resolve("traces/minutes.csv"), "minute_start,requests\n1995-07-01T00:00:00-04:00,42\n"
                + "1995-07-01T00:01:00-04:00,60\n");
        Files.writeString(dir.resolve("traces/seconds.csv"), "second,requests\n0,5\n1,7\n");
        Files.writeString(dir.resolve("traces/az.csv"), "HashOwner,HashApp,HashFunction,Trigger,480,481\n"
                + "o,a,abc,http,60,120\no,a,def,timer,6,0\n");
    }

    private SimulationSpec load(String text) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, text);
        return ScenarioLoader.load(file).value();
    }

    private ArrivalSpec arrivals(String arrivalsLine) throws Exception {
        return load(BASE.replace("    arrivals: {constant: 50}", arrivalsLine)).traffic().get(0).arrivals();
    }

    private static RateSeries series(long[] times, double[] rates) {
        return new RateSeries(times, rates);
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("constant", "    arrivals: {constant: 50}", new ArrivalSpec.Rate(RateSeries.constant(50), true)),
                Arguments.of("constant, evenly spaced", "    arrivals: {constant: 2.5}\n    poisson: false",
                        new ArrivalSpec.Rate(RateSeries.constant(2.5), false)),
                Arguments.of("ramp", "    arrivals: {ramp: {from: 10, to: 20, over: 2s, at: 1m}}",
                        new ArrivalSpec.Rate(series(new long[]{0, M, M + S, M + 2 * S}, new double[]{10, 10, 15, 20}),
                                true)),
                Arguments.of("ramp starting at 0 by default", "    arrivals: {ramp: {from: 0, to: 4, over: 1s}}",
                        new ArrivalSpec.Rate(series(new long[]{0, S}, new double[]{0, 4}), true)),
                Arguments.of("steps", "    arrivals: {steps: [{at: 0s, rate: 20}, {at: 5m, rate: 80}]}",
                        new ArrivalSpec.Rate(series(new long[]{0, 5 * M}, new double[]{20, 80}), true)),
                Arguments.of("diurnal over the scenario's 10 minutes",
                        "    arrivals: {diurnal: {mean: 100, amplitude: 60, period: 20m, peak: 5m}}",
                        new ArrivalSpec.Rate(RateShapes.diurnal(100, 60, 20 * M, 5 * M, 10 * M), true)),
                Arguments.of("spikes", "    arrivals: {spikes: {base: 20, bursts: [{at: 3m, duration: 30s, rate: 300}, "
                                + "{at: 5m, duration: 1m, multiplier: 3}]}}",
                        new ArrivalSpec.Rate(series(new long[]{0, 3 * M, 3 * M + 30 * S, 5 * M, 6 * M},
                                new double[]{20, 300, 20, 60, 20}), true)),
                Arguments.of("timestamps trace, CRLF, 7-digit fractions",
                        "    arrivals: {trace: {file: traces/ts.csv, layout: timestamps}}",
                        new ArrivalSpec.Recorded(new long[]{0, 4_314_579, 13_319_410})),
                Arguments.of("timestamps trace played 10x faster from 4 s in",
                        "    arrivals: {trace: {file: traces/ts.csv, layout: timestamps, timeScale: 0.1, offset: 4s}}",
                        new ArrivalSpec.Recorded(new long[]{31_458, 931_941})),
                Arguments.of("rate-per-minute trace", "    arrivals: {trace: {file: traces/minutes.csv, layout: rate-per-minute}}",
                        new ArrivalSpec.Rate(series(new long[]{0, M, 2 * M}, new double[]{0.7, 1, 0}), true)),
                Arguments.of("rate-per-minute trace, doubled, evenly spaced",
                        "    arrivals: {trace: {file: traces/minutes.csv, layout: rate-per-minute, rateScale: 2}}\n"
                                + "    poisson: false",
                        new ArrivalSpec.Rate(series(new long[]{0, M, 2 * M}, new double[]{1.4, 2, 0}), false)),
                Arguments.of("rate-per-second trace", "    arrivals: {trace: {file: traces/seconds.csv, layout: rate-per-second}}",
                        new ArrivalSpec.Rate(series(new long[]{0, S, 2 * S}, new double[]{5, 7, 0}), true)),
                Arguments.of("azure-functions-2019, all functions",
                        "    arrivals: {trace: {file: traces/az.csv, layout: azure-functions-2019}}",
                        new ArrivalSpec.Rate(series(new long[]{0, M, 2 * M}, new double[]{1.1, 2, 0}), true)),
                Arguments.of("closed loop: users only, no think time, no cap",
                        "    arrivals: {closedLoop: {users: 15}}",
                        new ArrivalSpec.ClosedLoop(15, DurationDistribution.Constant.ZERO, 0, 0)),
                Arguments.of("closed loop with a think-time distribution and fortio's -qps cap",
                        "    arrivals: {closedLoop: {users: 4, thinkTime: {uniform: {min: 1s, max: 3s}}, maxRate: 2.5}}",
                        new ArrivalSpec.ClosedLoop(4, new DurationDistribution.Uniform(S, 3 * S), 2.5, 0)),
                Arguments.of("azure-functions-2019, one function",
                        "    arrivals: {trace: {file: traces/az.csv, layout: azure-functions-2019, function: de}}",
                        new ArrivalSpec.Rate(series(new long[]{0, M, 2 * M}, new double[]{0.1, 0, 0}), true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void shapes(String name, String arrivalsLine, ArrivalSpec expected) throws Exception {
        ArrivalSpec actual = arrivals(arrivalsLine);
        if (expected instanceof ArrivalSpec.Rate e && actual instanceof ArrivalSpec.Rate a) {
            assertArrayEquals(e.series().times(), a.series().times());
            assertArrayEquals(e.series().rates(), a.series().rates(), 1e-12);
            assertEquals(e.poisson(), a.poisson());
        } else {
            assertEquals(expected, actual);
        }
    }

    @Test
    @DisplayName("an entry point's defaults: named after the service as written, kube-proxy, the Service as ns/name")
    void entryPointDefaults() throws Exception {
        SimulationSpec spec = load(BASE);
        assertEquals(List.of(new EntryPoint("frontend", "default/frontend", false,
                new ArrivalSpec.Rate(RateSeries.constant(50), true))), spec.traffic());
        assertEquals(NetworkSpec.DEFAULT, spec.network());
    }

    @Test
    @DisplayName("startAt shifts the arrivals later: nothing before it, the series after it")
    void startAt() throws Exception {
        SimulationSpec spec = load(BASE.replace("    arrivals: {constant: 50}", "    arrivals: {constant: 50}\n    startAt: 2m"));
        ArrivalSpec.Rate rate = (ArrivalSpec.Rate) spec.traffic().get(0).arrivals();
        assertEquals(0, rate.series().rateAt(2 * M - 1));
        assertEquals(50, rate.series().rateAt(2 * M));
    }

    @Test
    @DisplayName("startAt delays closed-loop users' first requests")
    void closedLoopStartAt() throws Exception {
        SimulationSpec spec = load(BASE.replace("    arrivals: {constant: 50}",
                "    arrivals: {closedLoop: {users: 3, thinkTime: 1s}}\n    startAt: 2m"));
        assertEquals(new ArrivalSpec.ClosedLoop(3, new DurationDistribution.Constant(S), 0, 2 * M),
                spec.traffic().get(0).arrivals());
    }

    @Test
    @DisplayName("retries default to ingress-nginx's 2 via an ingress and 0 via kube-proxy; both can be set, with a balancer timeout")
    void retriesAndTimeout() throws Exception {
        assertEquals(0, load(BASE).traffic().get(0).retries());
        SimulationSpec ingress = load(BASE.replace("  - service: frontend", "  - service: frontend\n    via: ingress"));
        assertEquals(2, ingress.traffic().get(0).retries());
        // k8s-semantics.md 17.7: proxy-read-timeout 60 s, load-balance round_robin.
        assertEquals(60 * S, ingress.traffic().get(0).timeout());
        assertEquals(null, ingress.traffic().get(0).loadBalance());
        assertEquals(0, load(BASE).traffic().get(0).timeout(), "kube-proxy has no timeout of its own");
        SimulationSpec mesh = load(BASE.replace("  - service: frontend", "  - service: frontend\n    via: mesh"));
        assertEquals(2, mesh.traffic().get(0).retries(), "Istio's attempts: 2");
        assertTrue(mesh.traffic().get(0).viaMesh());
        SimulationSpec ewma = load(BASE.replace("  - service: frontend",
                "  - service: frontend\n    via: ingress\n    loadBalance: ewma"));
        assertEquals(io.kubesim.traffic.LoadBalance.EWMA, ewma.traffic().get(0).loadBalance());
        SimulationSpec set = load(BASE.replace("  - service: frontend",
                "  - service: frontend\n    via: ingress\n    retries: 0\n    timeout: 5s"));
        assertEquals(0, set.traffic().get(0).retries());
        assertEquals(5 * S, set.traffic().get(0).timeout());
    }

    @Test
    @DisplayName("a named entry point through an ingress, to a namespaced Service")
    void namedThroughIngress() throws Exception {
        SimulationSpec spec = load(BASE.replace("  - service: frontend", "  - service: frontend\n    via: ingress\n"
                + "    name: shop") + "  - service: shop/backend\n    arrivals: {constant: 1}\n");
        assertEquals(2, spec.traffic().size());
        assertEquals("shop", spec.traffic().get(0).name());
        assertTrue(spec.traffic().get(0).viaIngress());
        assertEquals("shop/backend", spec.traffic().get(1).service());
        assertFalse(spec.traffic().get(1).viaIngress());
    }

    @Test
    @DisplayName("no traffic section: no entry points")
    void noTraffic() throws Exception {
        assertEquals(List.of(), load(BASE.substring(0, BASE.indexOf("traffic:"))).traffic());
    }

    @Test
    @DisplayName("network delays override the defaults one by one")
    void network() throws Exception {
        SimulationSpec spec = load(BASE + "network:\n  kubeProxyDelay: {uniform: {min: 2s, max: 4s}}\n"
                + "  ingressDelay: 500ms\n");
        assertEquals(new NetworkSpec(NetworkSpec.DEFAULT.endpointSliceDelay(),
                new DurationDistribution.Uniform(2 * S, 4 * S), new DurationDistribution.Constant(500_000)),
                spec.network());
    }

    @Test
    @DisplayName("serving: the default entry over ServingModel.DEFAULT, a named entry over the default entry")
    void serving() throws Exception {
        SimulationSpec spec = load(BASE + """
                applications:
                  default:
                    serving: {concurrency: 8, timeout: 10s}
                  frontend:
                    serving:
                      queueLimit: 0
                      serviceTime: {empirical: [10ms, 20ms, 60ms]}
                      warmUp: 30s
                      warmUpSlowdown: 3
                      onSigterm: close
                      calls: [{service: shop/backend, probability: 0.5}, {service: backend, timeout: 2s}]
                """);
        ServingModel d = spec.defaultApplication().serving();
        assertEquals(new ServingModel(8, 1000, ServingModel.DEFAULT.serviceTime(), 10 * S, 0, 1.0, true, List.of()), d);
        ServingModel f = spec.applications().get("frontend").serving();
        assertEquals(new ServingModel(8, 0, new DurationDistribution.Empirical(new long[]{10_000, 20_000, 60_000}),
                10 * S, 30 * S, 3.0, false, List.of(new ServingModel.Call("shop/backend", 0.5, 10 * S),
                new ServingModel.Call("shop/backend", 1.0, 2 * S))), f);
        assertEquals(30_000, f.serviceTime().mean());
    }

    @Test
    @DisplayName("serving: CPU time and memory per request (a duration and a quantity); warmUpSlowdown 0 refuses until warm")
    void costsPerRequest() throws Exception {
        SimulationSpec spec = load(BASE + """
                applications:
                  default:
                    serving: {cpuPerRequest: 5ms, memoryPerRequest: 256Ki}
                  frontend:
                    serving: {memoryPerRequest: 1.5Mi, warmUpSlowdown: 0, warmUp: 10s}
                """);
        ServingModel d = spec.defaultApplication().serving();
        assertEquals(5_000, d.cpuPerRequest());
        assertEquals(256 * 1024, d.memoryPerRequest());
        ServingModel f = spec.applications().get("frontend").serving();
        assertEquals(5_000, f.cpuPerRequest(), "from the default entry");
        assertEquals(1_572_864, f.memoryPerRequest());
        assertEquals(0.0, f.warmUpSlowdown());
        assertEquals(0, ServingModel.DEFAULT.cpuPerRequest() + ServingModel.DEFAULT.memoryPerRequest(), "no cost by default");
    }

    static Stream<Arguments> badTraffic() {
        return Stream.of(
                Arguments.of("two arrival kinds", "    arrivals: {constant: 50, ramp: {from: 1, to: 2, over: 1s}}", 14, 15,
                        "expected exactly one of constant, ramp, steps, diurnal, spikes, trace, closedLoop, got constant and ramp"),
                Arguments.of("no arrival kind", "    arrivals: {}", 14, 15,
                        "expected exactly one of constant, ramp, steps, diurnal, spikes, trace, closedLoop, got none"),
                Arguments.of("unknown arrival kind", "    arrivals: {poison: 5}", 14, 16,
                        "unknown field \"poison\" in Arrivals (expected one of constant, ramp, steps, diurnal, spikes, "
                                + "trace, closedLoop)"),
                Arguments.of("a traffic entry's field written inside its arrivals",
                        "    arrivals: {constant: 5, startAt: 1m}", 14, 29,
                        "unknown field \"startAt\" in Arrivals (expected one of constant, ramp, steps, diurnal, "
                                + "spikes, trace, closedLoop); \"startAt\" belongs one level up, beside \"arrivals\""),
                Arguments.of("negative rate", "    arrivals: {constant: -5}", 14, 26,
                        "expected a rate in requests per second of 0 or more, got -5"),
                Arguments.of("rate as text", "    arrivals: {steps: [{at: 0s, rate: lots}]}", 14, 39,
                        "expected a rate in requests per second, got a string (\"lots\")"),
                Arguments.of("bad duration", "    arrivals: {ramp: {from: 1, to: 2, over: 10}}", 14, 45,
                        "expected a duration with a unit such as 10s, 5m or 1h30m, got a bare number (10)"),
                Arguments.of("steps out of order", "    arrivals: {steps: [{at: 5m, rate: 1}, {at: 1m, rate: 2}]}", 14, 48,
                        "steps must be in time order, each after the one before: 1m is not after the previous step"),
                Arguments.of("overlapping bursts", "    arrivals: {spikes: {base: 1, bursts: [{at: 1m, duration: 1m, rate: 5}, "
                        + "{at: 90s, duration: 1m, rate: 5}]}}", 14, 81,
                        "bursts must not overlap: this one overlaps the burst at 1m"),
                Arguments.of("burst with rate and multiplier", "    arrivals: {spikes: {base: 1, bursts: "
                        + "[{at: 1m, duration: 1m, rate: 5, multiplier: 2}]}}", 14, 43,
                        "expected exactly one of rate (requests per second) and multiplier (of the base rate)"),
                Arguments.of("unknown layout", "    arrivals: {trace: {file: traces/ts.csv, layout: csv}}", 14, 53,
                        "unknown trace layout \"csv\" (expected one of timestamps, rate-per-minute, rate-per-second, "
                                + "azure-functions-2019)"),
                Arguments.of("unknown function", "    arrivals: {trace: {file: traces/az.csv, layout: azure-functions-2019, "
                        + "function: xyz}}", 14, 85, "no function \"xyz\" in the trace's HashFunction column (use a "
                        + "HashFunction value, a unique prefix of one, or all)"),
                Arguments.of("unknown column", "    arrivals: {trace: {file: traces/ts.csv, layout: timestamps, column: ts}}",
                        14, 73, "no column \"ts\" in the trace's header (columns: TIMESTAMP, n)"),
                Arguments.of("rateScale on timestamps", "    arrivals: {trace: {file: traces/ts.csv, layout: timestamps, "
                        + "rateScale: 2}}", 14, 65, "rateScale applies to rate layouts; a timestamps trace replays every "
                        + "recorded request (use timeScale to play it faster)"),
                Arguments.of("zero timeScale", "    arrivals: {trace: {file: traces/ts.csv, layout: timestamps, "
                        + "timeScale: 0}}", 14, 76, "expected a time scale greater than 0, got 0"),
                Arguments.of("via something else", "    via: nodeport\n    arrivals: {constant: 1}", 14, 10,
                        "expected service, ingress or mesh, got \"nodeport\""),
                Arguments.of("poisson as text", "    arrivals: {constant: 1}\n    poisson: yes please", 15, 14,
                        "expected true or false, got a string (\"yes please\")"),
                Arguments.of("closedLoop with no users", "    arrivals: {closedLoop: {users: 0}}", 14, 36,
                        "expected an integer from 1 to 1000000, got 0"),
                Arguments.of("closedLoop with a fraction of a user", "    arrivals: {closedLoop: {users: 1.5}}", 14, 36,
                        "expected an integer, got a number (1.5)"),
                Arguments.of("closedLoop without users", "    arrivals: {closedLoop: {thinkTime: 1s}}", 14, 16,
                        "missing required field \"users\""),
                Arguments.of("closedLoop think time as a bare number", "    arrivals: {closedLoop: {users: 15, thinkTime: 2}}",
                        14, 51, "expected a duration with a unit such as 2s, 5m or 1h30m, got a bare number (2)"),
                Arguments.of("closedLoop think time not a distribution",
                        "    arrivals: {closedLoop: {users: 15, thinkTime: {gamma: {mean: 1s}}}}", 14, 52,
                        "unknown field \"gamma\" in Distribution (expected one of lognormal, uniform, normal, exponential, "
                                + "empirical)"),
                Arguments.of("closedLoop maxRate of 0", "    arrivals: {closedLoop: {users: 15, maxRate: 0}}", 14, 49,
                        "expected a rate in requests per second greater than 0, got 0; leave maxRate out for no cap"),
                Arguments.of("closedLoop negative maxRate", "    arrivals: {closedLoop: {users: 15, maxRate: -3}}", 14, 49,
                        "expected a rate in requests per second of 0 or more, got -3"),
                Arguments.of("poisson with closedLoop", "    arrivals: {closedLoop: {users: 15}}\n    poisson: false", 15, 14,
                        "poisson does not apply to closedLoop arrivals: each user sends when its previous request has "
                                + "answered and its think time has passed"),
                Arguments.of("unknown connections", "    arrivals: {constant: 1}\n    client: {connections: pooled}", 15, 27,
                        "expected perRequest, keepAlive, http2 or grpc, got \"pooled\""),
                Arguments.of("unknown client field", "    arrivals: {constant: 1}\n    client: {keepalive: true}", 15, 14,
                        "unknown field \"keepalive\" in Client (expected one of connections, loadBalancing, idleTimeout, maxIdle, "
                                + "maxRequests, connectTimeout, timeout, retries)"),
                Arguments.of("zero connect timeout", "    arrivals: {constant: 1}\n    client: {connectTimeout: 0s}", 15, 30,
                        "expected a duration greater than 0, got 0s"),
                Arguments.of("unknown retry condition", "    arrivals: {constant: 1}\n    client: {retries: {on: [5xx]}}",
                        15, 29, "expected one of connect-failure, refused, reset, per-try-timeout, 502, 503, 504, got \"5xx\""),
                Arguments.of("too many retries", "    arrivals: {constant: 1}\n    client: {retries: {attempts: 11}}",
                        15, 34, "expected an integer from 0 to 10, got 11"),
                Arguments.of("back-off max below base",
                        "    arrivals: {constant: 1}\n    client: {retries: {backoff: {base: 1s, max: 10ms}}}", 15, 49,
                        "expected a max back-off of at least the base (1s), got 10ms"),
                Arguments.of("retry budget window below a second",
                        "    arrivals: {constant: 1}\n    client: {retries: {budget: {ttl: 500ms}}}", 15, 38,
                        "expected a window of at least 1s, got 500ms"),
                Arguments.of("clients with closedLoop", "    arrivals: {closedLoop: {users: 2}}\n    clients: 3", 15, 5,
                        "closed-loop users are a client each; leave clients out"),
                Arguments.of("round_robin without grpc", "    arrivals: {constant: 1}\n    client: {loadBalancing: round_robin}",
                        15, 14, "loadBalancing is gRPC's policy: it applies to connections: grpc (or http2) only"),
                Arguments.of("unknown gRPC policy", "    arrivals: {constant: 1}\n    client: {connections: grpc, loadBalancing: "
                        + "least}", 15, 48, "expected pick_first or round_robin, got \"least\""),
                Arguments.of("no clients", "    arrivals: {constant: 1}\n    clients: 0", 15, 14,
                        "expected an integer from 1 to 100000, got 0"),
                Arguments.of("loadBalance through kube-proxy", "    arrivals: {constant: 1}\n    loadBalance: ewma", 15, 5,
                        "loadBalance applies to via: ingress only (kube-proxy picks per connection, a mesh by least request)"),
                Arguments.of("unknown loadBalance", "    via: ingress\n    arrivals: {constant: 1}\n    loadBalance: random",
                        16, 18, "expected round_robin or ewma, got \"random\""));
    }

    static Stream<Arguments> badNetwork() {
        return Stream.of(
                Arguments.of("unknown proxy mode", "{proxyMode: userspace}", 15, 22,
                        "expected iptables, nftables or ipvs, got \"userspace\""),
                Arguments.of("scheduler without ipvs", "{ipvsScheduler: lc}", 15, 11,
                        "ipvsScheduler applies to proxyMode: ipvs only"),
                Arguments.of("unknown scheduler", "{proxyMode: ipvs, ipvsScheduler: wlc}", 15, 43,
                        "expected rr or lc (the IPVS schedulers kubesim models), got \"wlc\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badNetwork(String name, String network, int line, int column, String message) throws Exception {
        assertLocatedError(BASE + "network: " + network + "\n", dir.resolve("s.yaml").toString(), line, column, message);
    }

    @Test
    @DisplayName("clients, connections, retries, maxConnectionAge and the kube-proxy mode are read with their defaults")
    void clientsAndConnections() throws Exception {
        Path s = dir.resolve("c.yaml");
        Files.writeString(s, BASE.replace("    arrivals: {constant: 50}", String.join("\n",
                "    arrivals: {constant: 50}",
                "    clients: 20",
                "    client:",
                "      connections: keepAlive",
                "      connectTimeout: 1s",
                "      retries: {attempts: 2, on: [connect-failure, 503], budget: {}}",
                "  - service: frontend",
                "    name: users",
                "    arrivals: {closedLoop: {users: 3}}")) + String.join("\n",
                "applications:",
                "  frontend:",
                "    serving:",
                "      maxConnectionAge: 30s",
                "      calls: [{service: backend, onFailure: fallback, client: {connections: grpc, retries: {perTryTimeout: 200ms}}}]",
                "network: {proxyMode: ipvs, ipvsScheduler: lc}", ""));
        SimulationSpec spec = ScenarioLoader.load(s).value();
        EntryPoint open = spec.traffic().get(0);
        assertEquals(20, open.clients());
        ClientSpec c = open.effectiveClient();
        assertEquals(ClientSpec.Connections.KEEP_ALIVE, c.connections());
        assertEquals(SimTime.seconds(1), c.connectTimeout());
        assertEquals(ClientSpec.DEFAULT_IDLE_TIMEOUT, c.idleTimeout(), "Go net/http's 90 s");
        assertEquals(2, c.retry().retries());
        assertEquals(Set.of(RetryOn.CONNECT_FAILURE, RetryOn.STATUS_503), c.retry().on());
        assertEquals(RetryBudget.LINKERD_DEFAULT, c.retry().budget());
        assertEquals(SimTime.millis(25), c.retry().backoffBase(), "Envoy's base interval");
        assertEquals(SimTime.millis(250), c.retry().backoffMax());
        EntryPoint users = spec.traffic().get(1);
        assertEquals(ClientSpec.Connections.KEEP_ALIVE, users.effectiveClient().connections(), "a user keeps its connection");
        assertEquals(ClientSpec.Connections.PER_REQUEST, new EntryPoint("x", "frontend", false,
                new ArrivalSpec.Recorded(new long[0])).effectiveClient().connections(), "open loop: a connection per request");
        ServingModel f = spec.applications().get("frontend").serving();
        assertEquals(SimTime.seconds(30), f.maxConnectionAge());
        ClientSpec call = f.calls().get(0).client();
        assertEquals(ClientSpec.Connections.MULTIPLEXED, call.connections());
        assertEquals(1, call.retry().retries(), "attempts defaults to 1");
        assertEquals(SimTime.millis(200), call.retry().perTryTimeout());
        assertEquals(Set.of(RetryOn.CONNECT_FAILURE, RetryOn.RESET), call.retry().on(), "the default conditions");
        assertEquals(ProxyMode.IPVS_LC, spec.network().proxyMode());
        assertEquals(io.kubesim.app.OnFailure.FALLBACK, f.calls().get(0).onFailure());
        assertEquals(io.kubesim.app.OnFailure.DEFAULT, new ServingModel.Call("b", 1, 1).onFailure(), "502 by default");
        assertEquals(ClientSpec.Connections.KEEP_ALIVE, new ServingModel.Call("b", 1, 1).client().connections(),
                "a call's default client keeps alive");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badTraffic(String name, String arrivalsLine, int line, int column, String message) throws Exception {
        assertLocatedError(BASE.replace("    arrivals: {constant: 50}", arrivalsLine), dir.resolve("s.yaml").toString(),
                line, column, message);
    }

    @Test
    @DisplayName("an unknown service is an error at its name, with a suggestion")
    void unknownService() throws Exception {
        assertLocatedError(BASE.replace("service: frontend", "service: frontnd"), dir.resolve("s.yaml").toString(), 13, 14,
                "no Service named \"frontnd\" in the scenario's manifests: did you mean \"frontend\"?");
    }

    @Test
    @DisplayName("a missing trace file is an error at file, naming the resolved path")
    void missingTraceFile() throws Exception {
        assertLocatedError(BASE.replace("{constant: 50}", "{trace: {file: traces/nope.csv, layout: timestamps}}"),
                dir.resolve("s.yaml").toString(), 14, 30, "no such file: " + dir.resolve("traces/nope.csv"));
    }

    @Test
    @DisplayName("a bad row in a trace is an error at its line and column in the trace")
    void badTraceRow() throws Exception {
        Files.writeString(dir.resolve("traces/seconds.csv"), "second,requests\n0,5\n1,-7\n");
        assertLocatedError(BASE.replace("{constant: 50}", "{trace: {file: traces/seconds.csv, layout: rate-per-second}}"),
                dir.resolve("traces/seconds.csv").toString(), 3, 3, "expected a request count of 0 or more, got -7");
    }

    @Test
    @DisplayName("two entry points with the same name")
    void duplicateName() throws Exception {
        assertLocatedError(BASE + "  - service: frontend\n    arrivals: {constant: 1}\n", dir.resolve("s.yaml").toString(),
                15, 14, "duplicate entry point name \"frontend\"; give each entry point to this Service a name");
    }

    static Stream<Arguments> badServing() {
        return Stream.of(
                Arguments.of("onSigterm", "onSigterm: wait", 17, 26, "expected drain or close, got \"wait\""),
                Arguments.of("zero concurrency", "concurrency: 0", 17, 28, "expected an integer from 1 to 1000000, got 0"),
                Arguments.of("slowdown below 1", "warmUpSlowdown: 0.5", 17, 31,
                        "expected 0 (refuse until warm) or a service time multiplier of 1 or more, got 0.5"),
                Arguments.of("memory as a bad quantity", "memoryPerRequest: 2Mb", 17, 33,
                        "invalid quantity \"2Mb\": quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (e.g. 4, 500m, 16Gi)"),
                Arguments.of("negative memory", "memoryPerRequest: -1Mi", 17, 33, "must not be negative, got -1Mi"),
                Arguments.of("cpu as a bare number", "cpuPerRequest: 5", 17, 30,
                        "expected a duration with a unit such as 5s, 5m or 1h30m, got a bare number (5)"),
                Arguments.of("empty empirical", "serviceTime: {empirical: []}", 17, 40,
                        "expected at least one duration in empirical"),
                Arguments.of("call to an unknown service", "calls: [{service: payments}]", 17, 33,
                        "no Service named \"payments\" in the scenario's manifests"),
                Arguments.of("call probability above 1", "calls: [{service: backend, probability: 2}]", 17, 55,
                        "expected a probability from 0 to 1, got 2"),
                Arguments.of("call answering 404", "calls: [{service: backend, onFailure: 404}]", 17, 53,
                        "expected fallback, propagate or a status (500, 502, 503 or 504), got 404"),
                Arguments.of("call answering a mapping", "calls: [{service: backend, onFailure: {status: 500}}]", 17, 53,
                        "expected fallback, propagate or a status (500, 502, 503 or 504), got a mapping"),
                Arguments.of("error ratio above 1", "errorRatio: 1.5", 17, 27,
                        "expected a share of requests from 0 to 1, got 1.5"),
                Arguments.of("error status 404", "errorStatus: 404", 17, 28, "expected an integer from 500 to 599, got 404"),
                Arguments.of("maxConnectionAge of 0", "maxConnectionAge: 0s", 17, 33,
                        "expected a duration greater than 0, got 0s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badServing(String name, String field, int line, int column, String message) throws Exception {
        assertLocatedError(BASE + "applications:\n  frontend:\n    serving: {" + field + "}\n",
                dir.resolve("s.yaml").toString(), line, column, message);
    }

    @Test
    @DisplayName("a serving field written on the application itself is an error that names where it belongs")
    void servingFieldOnTheApplication() throws Exception {
        assertLocatedError(BASE + "applications:\n  frontend:\n    cpuPerRequest: 8ms\n    serving: {concurrency: 10}\n",
                dir.resolve("s.yaml").toString(), 17, 5, "unknown field \"cpuPerRequest\" in Application (expected one of imagePullTime, startupTime, "
                        + "shutdownTime, crashAfter, preStopTime, serving, usage, initTime, containers, runTime, "
                        + "failureProbability, versions); \"cpuPerRequest\" belongs under \"serving\" (serving.cpuPerRequest)");
    }

    private void assertLocatedError(String text, String file, int line, int column, String message) throws Exception {
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, text);
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(s));
        assertEquals(file, e.file(), e.format());
        assertEquals(message, e.detail(), e.format());
        assertEquals(line, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
    }
}
