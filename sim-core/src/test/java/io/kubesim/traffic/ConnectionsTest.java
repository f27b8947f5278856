package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ClientSpec;
import io.kubesim.app.RetryBudget;
import io.kubesim.app.RetryOn;
import io.kubesim.app.RetryPolicy;
import io.kubesim.app.ServingModel;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Connections in exact mode (k8s-semantics.md 17): kube-proxy balances connections, not requests
 * (17.1), requests follow a kept-alive or multiplexed connection to its pod (17.2, 17.6), and what
 * the client sees when a pod goes away depends on whether its address still answers (17.5).
 */
class ConnectionsTest {
    private static final long S = SimTime.seconds(1);

    /** 1 caller pod {@code front} calling {@code api} (4 pods) once per request, at 10 req/s. */
    private static TrafficHarness caller(ClientSpec client, long maxConnectionAge, int apiPods) {
        TrafficHarness h = new TrafficHarness();
        ServingModel api = new ServingModel(64, 100, new DurationDistribution.Constant(SimTime.millis(10)),
                SimTime.seconds(5), 0, 1.0, true, List.of(), 0, 0, maxConnectionAge);
        ServingModel front = new ServingModel(64, 100, new DurationDistribution.Constant(SimTime.millis(1)),
                SimTime.seconds(5), 0, 1.0, true,
                List.of(new ServingModel.Call("default/api", 1.0, SimTime.seconds(5), client)));
        h.apps.put("api", TrafficHarness.app(api, 1, 1));
        h.apps.put("front", TrafficHarness.app(front, 1, 1));
        h.start();
        h.service("api");
        h.service("front");
        h.pod("front", "front-1", null, 30);
        for (int i = 1; i <= apiPods; i++) {
            h.pod("api", "api-" + i, null, 30);
        }
        return h;
    }

    private static String causes(ServiceTraffic s) {
        StringBuilder b = new StringBuilder();
        for (RequestCause c : RequestCause.values()) {
            if (s.count(c) > 0) {
                b.append(c.label()).append('=').append(s.count(c)).append(' ');
            }
        }
        return b.toString();
    }

    private static Map<String, Long> apiLoad(TrafficHarness h) {
        Map<String, Long> all = h.offeredByPod();
        all.keySet().removeIf(k -> !k.startsWith("api-"));
        return all;
    }

    @Nested
    @DisplayName("requests follow connections (17.2, 17.6)")
    class Pinning {
        @Test
        @DisplayName("a keep-alive caller sending one request at a time reuses one connection: one api pod gets every call")
        void keepAlivePinsOnePod() {
            TrafficHarness h = caller(ClientSpec.KEEP_ALIVE, 0, 4);
            h.traffic("front", 10, 5 * S, 65 * S);
            h.sim.runUntil(70 * S);
            Map<String, Long> load = apiLoad(h);
            assertEquals(600, load.values().stream().mapToLong(Long::longValue).sum());
            assertEquals(1, load.values().stream().filter(n -> n > 0).count(), load.toString());
        }

        @Test
        @DisplayName("a connection per request is balanced per request: every api pod gets about a quarter")
        void perRequestSpreads() {
            TrafficHarness h = caller(ClientSpec.OPEN_LOOP, 0, 4);
            h.traffic("front", 10, 5 * S, 65 * S);
            h.sim.runUntil(70 * S);
            for (long n : apiLoad(h).values()) {
                assertTrue(n > 100 && n < 200, apiLoad(h).toString());
            }
        }

        @Test
        @DisplayName("gRPC round_robin over a headless Service: a connection to each pod, requests in turn; over a "
                + "ClusterIP it is one address, pinned as pick_first")
        void grpcRoundRobin() {
            ClientSpec rr = new ClientSpec(ClientSpec.Connections.MULTIPLEXED, ClientSpec.DEFAULT_IDLE_TIMEOUT, 2, 0, 0, 0,
                    RetryPolicy.NONE, true);
            for (boolean headless : new boolean[] {true, false}) {
                TrafficHarness h = new TrafficHarness();
                ServingModel api = new ServingModel(64, 100, new DurationDistribution.Constant(SimTime.millis(10)),
                        SimTime.seconds(5), 0, 1.0, true, List.of());
                ServingModel front = new ServingModel(64, 100, new DurationDistribution.Constant(SimTime.millis(1)),
                        SimTime.seconds(5), 0, 1.0, true, List.of(new ServingModel.Call("default/api", 1.0,
                        SimTime.seconds(5), rr)));
                h.apps.put("api", TrafficHarness.app(api, 1, 1));
                h.apps.put("front", TrafficHarness.app(front, 1, 1));
                h.start();
                if (headless) {
                    h.headlessService("api");
                } else {
                    h.service("api");
                }
                h.service("front");
                h.pod("front", "front-1", null, 30);
                for (int i = 1; i <= 4; i++) {
                    h.pod("api", "api-" + i, null, 30);
                }
                h.traffic("front", 40, 5 * S, 65 * S);
                h.sim.runUntil(70 * S);
                Map<String, Long> load = apiLoad(h);
                if (headless) {
                    assertEquals(Map.of("api-1", 600L, "api-2", 600L, "api-3", 600L, "api-4", 600L), load);
                } else {
                    assertEquals(1, load.values().stream().filter(n -> n > 0).count(), "one address: " + load);
                }
            }
        }

        @Test
        @DisplayName("HTTP/2: pods added later get nothing from an existing connection; with a max connection age "
                + "the client reconnects and they get their share")
        void multiplexedAndMaxConnectionAge() {
            ClientSpec grpc = ClientSpec.KEEP_ALIVE.withConnections(ClientSpec.Connections.MULTIPLEXED);
            for (long age : new long[] {0, 10 * S}) {
                TrafficHarness h = caller(grpc, age, 1);
                h.traffic("front", 50, 5 * S, 125 * S);
                h.sim.runUntil(20 * S);
                h.pod("api", "api-2", null, 30);
                h.pod("api", "api-3", null, 30);
                h.sim.runUntil(130 * S);
                Map<String, Long> load = apiLoad(h);
                if (age == 0) {
                    assertEquals(0, load.get("api-2") + load.get("api-3"), "pinned: " + load);
                } else {
                    assertTrue(load.get("api-2") > 500 && load.get("api-3") > 500, "rebalanced by GOAWAY: " + load);
                }
                assertEquals(0, h.stats("api").failed(), "a GOAWAY fails nothing");
            }
        }
    }

    @Nested
    @DisplayName("when a pod goes away (17.5)")
    class PodGoesAway {
        @Test
        @DisplayName("SIGTERM to a draining pod closes its idle kept-alive connections: the client reconnects elsewhere, "
                + "nothing fails")
        void sigtermClosesIdleConnections() {
            TrafficHarness h = caller(ClientSpec.KEEP_ALIVE, 0, 2);
            h.traffic("front", 10, 5 * S, 65 * S);
            h.sim.runUntil(30 * S);
            String pinned = apiLoad(h).entrySet().stream().filter(e -> e.getValue() > 0).findFirst().orElseThrow().getKey();
            long before = apiLoad(h).get(pinned);
            h.store.deletePod(h.store.pods().get("default/" + pinned), null);
            h.sim.runUntil(70 * S);
            assertEquals(0, h.stats("api").failed(), () -> causes(h.stats("api")));
            assertEquals(600, h.stats("api").requests());
            Map<String, Long> load = apiLoad(h);
            assertTrue(!load.containsKey(pinned) || load.get(pinned) <= before + 1, "nothing new on the old pod: " + load);
        }

        /** {@code api} (2 pods) reached from outside; api-1 is deleted at 20 s and stays routable for 5 s. */
        private TrafficHarness staleView(ClientSpec client) {
            TrafficHarness h = new TrafficHarness();
            h.apps.put("api", TrafficHarness.app(TrafficHarness.serving(64, 100, 10, 10_000), 1, 1));
            h.start();
            h.service("api");
            h.pod("api", "api-1", null, 30);
            h.pod("api", "api-2", null, 30);
            h.staleFor = 5 * S;
            h.staleAfterRemoval = true;
            h.traffic(new EntryPoint("api", "api", false, new ArrivalSpec.Recorded(new long[0]), 0, 0, client, 1),
                    100, 5 * S, 40 * S);
            h.sim.runUntil(20 * S);
            h.store.deletePod(h.store.pods().get("default/api-1"), null);
            h.sim.runUntil(60 * S);
            return h;
        }

        @Test
        @DisplayName("alive and not listening refuses at once; once the pod is gone its address swallows the SYN and "
                + "the client waits out its timeout")
        void refusedThenConnectTimeout() {
            TrafficHarness h = staleView(ClientSpec.OPEN_LOOP);
            ServiceTraffic s = h.stats("api");
            // SIGTERM at 20 s, exit at 21 s (shutdown 1 s), the view routes to it until 25 s: half the
            // requests of 20-21 s are refused, half of those of 21-25 s time out connecting.
            assertEquals(50, s.count(RequestCause.CONNECTION_REFUSED), 8);
            assertEquals(200, s.count(RequestCause.CONNECT_TIMEOUT), 20);
            assertEquals(0, s.count(RequestCause.CONNECTION_REFUSED, 25), "refusals fail at once");
            assertEquals(s.count(RequestCause.CONNECT_TIMEOUT), s.count(RequestCause.CONNECT_TIMEOUT, 31)
                    + s.count(RequestCause.CONNECT_TIMEOUT, 32) + s.count(RequestCause.CONNECT_TIMEOUT, 33)
                    + s.count(RequestCause.CONNECT_TIMEOUT, 34), "connect timeouts fail 10 s (the request timeout) later");
            assertEquals(10_000, s.clientMaxLatency() / 1000);
        }

        @Test
        @DisplayName("a 1 s connect timeout with 2 retries bounds the wait and recovers most of those requests")
        void connectTimeoutAndRetries() {
            RetryPolicy retry = new RetryPolicy(2, 0, 0, 0, Set.of(RetryOn.CONNECT_FAILURE), false, null);
            ClientSpec client = new ClientSpec(ClientSpec.Connections.PER_REQUEST, ClientSpec.DEFAULT_IDLE_TIMEOUT,
                    2, 0, S, 0, retry);
            ServiceTraffic plain = staleView(ClientSpec.OPEN_LOOP).stats("api");
            ServiceTraffic s = staleView(client).stats("api");
            assertTrue(s.retried() > 200, "retried " + s.retried());
            assertTrue(s.failed() * 4 < plain.failed(), s.failed() + " vs " + plain.failed());
            assertEquals(s.failed(), s.retriesExhausted());
            assertTrue(s.clientMaxLatency() <= 3 * S + SimTime.millis(20), "bounded: " + s.clientMaxLatency());
        }

        @Test
        @DisplayName("a retry budget of 1 retry a second (ratio 0) stops retrying once spent")
        void retryBudget() {
            RetryPolicy retry = new RetryPolicy(2, 0, 0, 0, Set.of(RetryOn.CONNECT_FAILURE), false,
                    new RetryBudget(0, 1, 10 * S));
            ClientSpec client = new ClientSpec(ClientSpec.Connections.PER_REQUEST, ClientSpec.DEFAULT_IDLE_TIMEOUT,
                    2, 0, S, 0, retry);
            ServiceTraffic s = staleView(client).stats("api");
            assertTrue(s.retried() <= 10, "at most 10 retries in any 10 s: " + s.retried());
            assertTrue(s.retriesExhausted() > 100, "the rest fail: " + s.retriesExhausted());
        }

        @Test
        @DisplayName("a per-try timeout gives up on a slow pod and retries; the slow pod still works on what it was given")
        void perTryTimeout() {
            TrafficHarness h = new TrafficHarness();
            h.apps.put("api", TrafficHarness.app(TrafficHarness.serving(64, 100, 10, 10_000), 1, 1));
            h.start();
            h.service("api");
            h.pod("api", "api-1", null, 30);
            h.pod("api", "api-2", null, 30);
            h.apps.put("api-2", TrafficHarness.app(TrafficHarness.serving(1000, 100, 5000, 10_000), 1, 1));
            RetryPolicy retry = new RetryPolicy(1, SimTime.millis(500), 0, 0, Set.of(RetryOn.PER_TRY_TIMEOUT), false,
                    null);
            ClientSpec client = new ClientSpec(ClientSpec.Connections.PER_REQUEST, ClientSpec.DEFAULT_IDLE_TIMEOUT,
                    2, 0, 0, 0, retry);
            h.traffic(new EntryPoint("api", "api", false, new ArrivalSpec.Recorded(new long[0]), 0, 0, client, 1),
                    100, 5 * S, 35 * S);
            h.sim.runUntil(60 * S);
            ServiceTraffic s = h.stats("api");
            assertEquals(3000, s.requests(), "one outcome per request, however many attempts");
            assertEquals(1500, s.retried(), 100);
            assertEquals(750, s.count(RequestCause.TIMEOUT), 80);
            assertEquals(s.count(RequestCause.TIMEOUT), s.retriesExhausted());
            assertTrue(s.clientMaxLatency() <= SimTime.millis(1010), "" + s.clientMaxLatency());
            assertEquals(s.retried() + s.retriesExhausted(), h.offeredByPod().get("api-2"), 2,
                    "every attempt given to the slow pod stays with it");
        }
    }

    @Nested
    @DisplayName("kube-proxy's choice of a pod (17.1, 17.3)")
    class KubeProxy {
        private Map<String, Long> run(ProxyMode mode, long affinitySeconds) {
            TrafficHarness h = new TrafficHarness();
            h.proxyMode = mode;
            h.apps.put("api", TrafficHarness.app(TrafficHarness.serving(64, 100, 10, 5000), 1, 0));
            h.start();
            h.service("api", affinitySeconds);
            for (int i = 1; i <= 4; i++) {
                h.pod("api", "api-" + i, null, 30);
            }
            h.traffic("api", 10, 5 * S, 45 * S);
            h.sim.runUntil(50 * S);
            return apiLoad(h);
        }

        @Test
        @DisplayName("IPVS round robin: exactly even")
        void ipvsRoundRobin() {
            assertEquals(Map.of("api-1", 100L, "api-2", 100L, "api-3", 100L, "api-4", 100L), run(ProxyMode.IPVS_RR, 0));
        }

        @Test
        @DisplayName("IPVS least connections: every pod is used")
        void ipvsLeastConnections() {
            assertTrue(run(ProxyMode.IPVS_LC, 0).values().stream().allMatch(n -> n > 0));
        }

        @Test
        @DisplayName("sessionAffinity ClientIP: one client address keeps one pod; without it, iptables spreads at random")
        void clientIpAffinity() {
            assertEquals(1, run(ProxyMode.IPTABLES, 10800).values().stream().filter(n -> n > 0).count());
            assertTrue(run(ProxyMode.IPTABLES, 0).values().stream().allMatch(n -> n > 60));
        }
    }

    @Nested
    @DisplayName("through ingress-nginx (17.7)")
    class Ingress {
        private ServiceTraffic run(int retries) {
            TrafficHarness h = new TrafficHarness();
            h.apps.put("api", TrafficHarness.app(TrafficHarness.serving(64, 100, 10, 30_000), 1, 1));
            h.start();
            h.service("api");
            h.pod("api", "api-1", null, 30);
            h.pod("api", "api-2", null, 30);
            h.traffic(new EntryPoint("api", "api", true, new ArrivalSpec.Recorded(new long[0]), retries, 0), 10,
                    10 * S, 30 * S);
            h.sim.runUntil(5 * S);
            h.traffic.unreachable(h.store.pods().get("default/api-1")); // its node is down, still in the endpoints
            h.sim.runUntil(60 * S);
            return h.stats("api");
        }

        @Test
        @DisplayName("a dead pod's address costs the 5 s proxy-connect-timeout, then the next upstream serves the request")
        void nextUpstreamAfterConnectTimeout() {
            ServiceTraffic s = run(EntryPoint.DEFAULT_INGRESS_RETRIES);
            assertEquals(200, s.requests());
            assertEquals(0, s.failed(), causes(s));
            assertEquals(100, s.retried(), "round robin sends every other request to the dead pod");
            assertEquals(5010, s.clientMaxLatency() / 1000, "5 s connect timeout + 10 ms on the next pod");
        }

        @Test
        @DisplayName("EWMA sends most requests to the faster pod; round robin splits them evenly")
        void ewmaPrefersTheFasterPod() {
            for (LoadBalance policy : new LoadBalance[] {LoadBalance.ROUND_ROBIN,
                    LoadBalance.EWMA}) {
                TrafficHarness h = new TrafficHarness();
                h.apps.put("api", TrafficHarness.app(TrafficHarness.serving(64, 100, 10, 30_000), 1, 1));
                h.start();
                h.service("api");
                h.pod("api", "api-1", null, 30);
                h.pod("api", "api-2", null, 30);
                h.apps.put("api-2", TrafficHarness.app(TrafficHarness.serving(64, 100, 200, 30_000), 1, 1));
                h.traffic(new EntryPoint("api", "api", true, new ArrivalSpec.Recorded(new long[0]), 2,
                        EntryPoint.INGRESS_READ_TIMEOUT, null, 1, false, policy), 50, 10 * S, 70 * S);
                h.sim.runUntil(80 * S);
                Map<String, Long> load = apiLoad(h);
                if (policy == LoadBalance.ROUND_ROBIN) {
                    assertEquals(load.get("api-1"), load.get("api-2"), 1, load.toString());
                } else {
                    assertTrue(load.get("api-1") > 3 * load.get("api-2"), "the 10 ms pod wins: " + load);
                }
            }
        }

        @Test
        @DisplayName("without retries those requests fail after the 5 s connect timeout")
        void noRetries() {
            ServiceTraffic s = run(0);
            assertEquals(100, s.count(RequestCause.CONNECT_TIMEOUT));
            assertEquals(5000, s.clientMaxLatency() / 1000);
        }
    }

    @Nested
    @DisplayName("through a service mesh's proxy (17.8)")
    class Mesh {
        private TrafficHarness harness;

        private ServiceTraffic run(boolean bothDead) {
            TrafficHarness h = new TrafficHarness();
            harness = h;
            h.apps.put("api", TrafficHarness.app(TrafficHarness.serving(64, 100, 10, 30_000), 1, 1));
            h.start();
            h.service("api");
            h.pod("api", "api-1", null, 30);
            h.pod("api", "api-2", null, 30);
            h.traffic(new EntryPoint("api", "api", false, new ArrivalSpec.Recorded(new long[0]),
                    EntryPoint.DEFAULT_MESH_RETRIES, 0, null, 1, true), 10, 10 * S, 30 * S);
            h.sim.runUntil(5 * S);
            h.traffic.unreachable(h.store.pods().get("default/api-1"));
            if (bothDead) {
                h.traffic.unreachable(h.store.pods().get("default/api-2"));
            }
            h.sim.runUntil(120 * S);
            return h.stats("api");
        }

        @Test
        @DisplayName("a dead pod costs Istio's 10 s connect timeout, then the retry goes to another host")
        void retriesOnAnotherHost() {
            ServiceTraffic s = run(false);
            assertEquals(200, s.requests());
            assertEquals(0, s.failed(), causes(s));
            assertTrue(s.retried() > 20, "least request picks the dead pod too: " + s.retried());
            assertTrue(s.clientMaxLatency() >= 10 * S && s.clientMaxLatency() < 11 * S, "" + s.clientMaxLatency());
        }

        @Test
        @DisplayName("with no endpoint at all the proxy answers 503 UH at once, with no retry")
        void noHealthyUpstream() {
            TrafficHarness h = new TrafficHarness();
            h.start();
            h.service("api");
            h.traffic(new EntryPoint("api", "api", false, new ArrivalSpec.Recorded(new long[0]),
                    EntryPoint.DEFAULT_MESH_RETRIES, 0, null, 1, true), 10, 10 * S, 20 * S);
            h.sim.runUntil(30 * S);
            ServiceTraffic s = h.stats("api");
            assertEquals(100, s.count(RequestCause.NO_ENDPOINTS));
            assertEquals(Map.of("UH", 100L), s.responseFlags());
            assertEquals(0, s.retried());
            assertEquals(0, s.clientMaxLatency());
        }

        @Test
        @DisplayName("with no live pod every request fails after 3 attempts: 503 URX (upstream retry limit exceeded)")
        void retriesExhausted() {
            ServiceTraffic s = run(true);
            assertEquals(200, s.count(RequestCause.CONNECT_TIMEOUT), causes(s));
            assertEquals(Map.of("URX", 200L), s.responseFlags());
            assertEquals(Map.of(503, 200L), harness.traffic.ledger().entryStatuses(), "Envoy answers 503, not 504");
            assertEquals(400, s.retried(), "2 retries each");
            assertEquals(200, s.retriesExhausted());
        }
    }

    @Test
    @DisplayName("a pod whose node went down keeps its kept-alive connections open in the client: a request sent on one "
            + "hangs until its timeout (node_unreachable), and the client then drops that connection")
    void pooledConnectionToADeadNode() {
        TrafficHarness h = caller(ClientSpec.KEEP_ALIVE, 0, 1);
        h.traffic("front", 10, 5 * S, 30 * S);
        h.sim.runUntil(15 * S);
        Pod api = h.store.pods().get("default/api-1");
        h.traffic.unreachable(api); // what the kubelets tell the traffic when api-1's node goes down
        h.sim.runUntil(60 * S);
        ServiceTraffic s = h.stats("api");
        assertEquals(1, s.count(RequestCause.NODE_UNREACHABLE), "the one request sent on the pooled connection hangs");
        assertEquals(0, s.count(RequestCause.CONNECTION_REFUSED), "no RST from a dead machine");
        assertEquals(s.failed() - 1, s.count(RequestCause.CONNECT_TIMEOUT), "the next ones open new connections, "
                + "which time out connecting");
    }
}
