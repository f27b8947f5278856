package io.kubesim.scenarios.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationResult;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A headless Service ({@code clusterIP: None}) has no virtual IP and no kube-proxy rules: a client
 * looks it up in DNS and connects to a ready pod's address itself (k8s-semantics.md 16.1, 17.5).
 * The scenario makes kube-proxy absurdly slow (10 minutes to program a change) and DNS quick, and
 * runs the same pods behind a ClusterIP Service and a headless one: a client of the ClusterIP
 * Service gets no endpoint for the whole run, a client of the headless Service is served, whether
 * it enters from outside ({@code traffic}) or calls it from another app ({@code calls}).
 */
class HeadlessServiceTrafficTest {
    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: 3
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers:
                    - name: api
                      image: api:1
                      ports: [{containerPort: 8080, name: http}]
                      resources: {requests: {cpu: 100m, memory: 64Mi}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api-headless}
            spec:
              clusterIP: None
              selector: {app: api}
              ports: [{port: 8080, targetPort: http}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api}
            spec:
              selector: {app: api}
              ports: [{port: 8080, targetPort: http}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: front}
            spec:
              replicas: 2
              selector: {matchLabels: {app: front}}
              template:
                metadata: {labels: {app: front}}
                spec:
                  containers: [{name: front, image: front:1, resources: {requests: {cpu: 100m, memory: 64Mi}}}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: front}
            spec:
              clusterIP: None
              selector: {app: front}
              ports: [{port: 80}]
            """;

    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: headless}
            duration: 3m
            manifests: [m.yaml]
            cluster:
              nodePools:
                - {name: p, count: 2, allocatable: {cpu: "4", memory: 8Gi, pods: 110}}
            network:
              kubeProxyDelay: 10m
              dnsDelay: 100ms
            applications:
              front:
                serving:
                  calls: [{service: api-headless, probability: 1.0, timeout: 2s}]
            traffic:
              - {name: to-headless, service: api-headless, arrivals: {constant: 20}, startAt: 1m}
              - {name: to-cluster-ip, service: api, arrivals: {constant: 20}, startAt: 1m}
              - {name: through-front, service: front, arrivals: {constant: 20}, startAt: 1m}
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} traffic")
    @EnumSource(value = TrafficMode.class, names = {"EXACT", "FLUID"})
    void aHeadlessServiceIsReachedThroughDnsNotKubeProxy(TrafficMode mode) throws Exception {
        Files.writeString(dir.resolve("m.yaml"), MANIFESTS);
        Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        SimulationSpec spec = ScenarioLoader.load(dir.resolve("s.yaml")).value();
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY.withTrafficMode(mode));
        sim.run(spec.duration());
        SimulationResult r = sim.result();

        ServiceTraffic clusterIp = service(r, "default/api");
        assertTrue(clusterIp.requests() > 0);
        assertEquals(clusterIp.requests(), clusterIp.count(RequestCause.NO_ENDPOINTS),
                "kube-proxy has not programmed the ClusterIP Service yet");

        ServiceTraffic headless = service(r, "default/api-headless");
        ServiceTraffic front = service(r, "default/front");
        assertTrue(front.requests() > 1000, "front is headless too and served: " + front.requests());
        assertEquals(0, front.failed(), "front's calls to api-headless all succeed");
        // the headless api is called from outside and by front's calls
        assertTrue(headless.requests() > front.requests(), headless.requests() + " vs " + front.requests());
        assertEquals(0, headless.failed());
    }

    private static ServiceTraffic service(SimulationResult r, String key) {
        return r.traffic().stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }
}
