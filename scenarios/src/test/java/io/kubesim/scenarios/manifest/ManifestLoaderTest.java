package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.Manifest;
import io.kubesim.api.Manifest.DeploymentManifest;
import io.kubesim.api.Manifest.ServiceManifest;
import io.kubesim.api.Probe;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.Location;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How manifests are read and defaulted; each case names the upstream rule it follows. */
class ManifestLoaderTest {
    static Loaded<List<Manifest>> load(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml);
    }

    static DeploymentManifest deployment(String yaml) {
        return (DeploymentManifest) load(yaml).value().get(0);
    }

    static String web(String specExtra, String containerExtra) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels: {app: web}
                %s  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                        - name: web
                          image: nginx
                %s""".formatted(specExtra, containerExtra);
    }

    /** The web Deployment with extra pod spec fields (indented 6, as pod spec fields are) before its containers. */
    static String withPodSpecFields(String fields) {
        return web("", "").replace("      containers:", fields + "      containers:");
    }

    /**
     * The same object twice is what {@code kubectl apply -f} accepts: it applies the documents in
     * order, so the second updates what the first created. The later definition runs, in the
     * first one's place, with a warning at its name.
     */
    @Test
    void aRedefinedObjectReplacesTheFirstDefinition() {
        Loaded<List<Manifest>> r = load(web("  replicas: 2\n", "") + "---\napiVersion: v1\nkind: Namespace\n"
                + "metadata: {name: shop}\n---\n" + web("  replicas: 5\n", ""));
        assertEquals(2, r.value().size());
        DeploymentManifest web = (DeploymentManifest) r.value().get(0);
        assertEquals(5, web.replicas());
        assertEquals(22, web.origin().line(), "the definition that runs is the later one");
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        Diagnostic w = r.warnings().get(0);
        assertEquals("Deployment \"default/web\" is defined again (first at m.yaml:2): kubectl apply applies both "
                + "in order, so this definition replaces the first", w.message());
        assertEquals(24, w.location().line());
    }

    /** k8s-semantics.md 2.1: apps/v1 Deployment defaults. */
    @Test
    void deploymentDefaults() {
        DeploymentManifest d = deployment(web("", ""));
        assertNull(d.replicas());
        assertEquals(1, d.replicasOrDefault());
        assertEquals(DeploymentStrategy.DEFAULT_ROLLING, d.strategy());
        assertEquals(10, d.revisionHistoryLimit());
        assertEquals(600, d.progressDeadlineSeconds());
        assertEquals(0, d.minReadySeconds());
        assertEquals("default", d.namespace());
        assertEquals(new Manifest.Origin("m.yaml", 2), d.origin());
        // k8s-semantics.md 4.3: terminationGracePeriodSeconds defaults to 30.
        assertEquals(30, d.template().spec().terminationGracePeriodSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "absolute           | {maxSurge: 2, maxUnavailable: 0}         | 2   | 0",
            "percent            | {maxSurge: 50%, maxUnavailable: 10%}     | 50% | 10%",
            "only surge set     | {maxSurge: 1}                            | 1   | 25%",
            "only unavail set   | {maxUnavailable: 0}                      | 25% | 0",
    })
    void rollingUpdateParameters(String name, String rolling, String surge, String unavailable) {
        DeploymentManifest d = deployment(web("  strategy: {type: RollingUpdate, rollingUpdate: " + rolling + "}\n", ""));
        assertEquals(surge, d.strategy().maxSurge().toString());
        assertEquals(unavailable, d.strategy().maxUnavailable().toString());
    }

    /** pkg/apis/apps/v1beta1/defaults.go: selector from template labels, revisionHistoryLimit 2. */
    @Test
    void appsV1beta1DefaultsAndWarning() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: apps/v1beta1
                kind: Deployment
                metadata: {name: old}
                spec:
                  template:
                    metadata: {labels: {app: old}}
                    spec: {containers: [{name: c, image: i}]}
                """);
        DeploymentManifest d = (DeploymentManifest) r.value().get(0);
        assertEquals(2, d.revisionHistoryLimit());
        assertEquals(600, d.progressDeadlineSeconds());
        assertEquals(DeploymentStrategy.DEFAULT_ROLLING, d.strategy());
        assertEquals(java.util.Map.of("app", "old"), d.selector().matchLabels());
        assertEquals(java.util.Map.of("app", "old"), d.labels(), "labels defaulted from the template too");
        assertEquals(1, r.warnings().size());
        assertEquals(new Location("m.yaml", 1, 1), r.warnings().get(0).location());
        assertTrue(r.warnings().get(0).message().startsWith(
                "apps/v1beta1 Deployment \"old\" uses a deprecated apiVersion"), r.warnings().get(0).message());
    }

    /** policy/v1: int or percent, selector with expressions, the unhealthy pod policy (IfHealthyBudget by default). */
    @Test
    void podDisruptionBudgets() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web, namespace: shop}
                spec:
                  maxUnavailable: 30%
                  selector:
                    matchLabels: {app: web}
                    matchExpressions: [{key: tier, operator: In, values: [front]}]
                  unhealthyPodEvictionPolicy: AlwaysAllow
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: db}
                spec: {minAvailable: 2, selector: {}}
                """);
        var web = (Manifest.PodDisruptionBudgetManifest) r.value().get(0);
        assertEquals("shop", web.namespace());
        assertEquals(io.kubesim.api.IntOrPercent.ofPercent(30), web.maxUnavailable());
        assertEquals(null, web.minAvailable());
        assertTrue(web.selector().matches(java.util.Map.of("app", "web", "tier", "front")));
        assertTrue(!web.selector().matches(java.util.Map.of("app", "web", "tier", "back")));
        assertTrue(web.alwaysAllowUnhealthy());
        var db = (Manifest.PodDisruptionBudgetManifest) r.value().get(1);
        assertEquals(io.kubesim.api.IntOrPercent.ofInt(2), db.minAvailable());
        assertTrue(!db.alwaysAllowUnhealthy(), "IfHealthyBudget is the default");
        assertTrue(db.selector().matches(java.util.Map.of("any", "pod")), "in policy/v1 an empty selector selects every pod");
        assertEquals(2, r.warnings().size(), r.warnings()::toString);
        assertTrue(r.warnings().stream().allMatch(w -> w.message().contains("selects no pod of the input")),
                "the input has no pods for them to guard: " + r.warnings());
    }

    /** policy/v1beta1 is deprecated, and there an empty selector selects no pod. */
    @Test
    void podDisruptionBudgetV1beta1() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: policy/v1beta1
                kind: PodDisruptionBudget
                metadata: {name: old}
                spec: {minAvailable: 1, selector: {}}
                """);
        var old = (Manifest.PodDisruptionBudgetManifest) r.value().get(0);
        assertEquals(null, old.selector());
        assertEquals(2, r.warnings().size(), r.warnings()::toString);
        assertTrue(r.warnings().get(1).message().startsWith("PodDisruptionBudget \"old\" selects no pod of the input (no "
                + "selector: it selects none)"), r.warnings().get(1).message());
        assertTrue(r.warnings().get(0).message().startsWith("policy/v1beta1 PodDisruptionBudget \"old\" uses a deprecated "
                + "apiVersion: it was removed in Kubernetes 1.25; use policy/v1"), r.warnings().get(0).message());
    }

    /** k8s-semantics.md 4.1 (SetDefaults_Probe): omitted or zero fields take the defaults. */
    @Test
    void probeDefaultsApplyToOmittedAndZeroFields() {
        Container c = deployment(web("", """
                          readinessProbe:
                            httpGet: {path: /healthz, port: 8080}
                          livenessProbe:
                            tcpSocket: {port: http}
                            periodSeconds: 0
                            failureThreshold: 5
                            initialDelaySeconds: 15
                """)).template().spec().containers().get(0);
        assertEquals(Probe.withDefaults("httpGet :8080/healthz"), c.readinessProbe());
        Probe l = c.livenessProbe();
        assertEquals("tcpSocket :http", l.action());
        assertEquals(10, l.periodSeconds());
        assertEquals(5, l.failureThreshold());
        assertEquals(15, l.initialDelaySeconds());
        assertEquals(1, l.timeoutSeconds());
        assertNull(c.startupProbe());
    }

    /** k8s-semantics.md 4.4: a limit without a request gives the request, per resource. */
    @Test
    void requestsDefaultFromLimitsPerResource() {
        Container c = deployment(web("", """
                          resources:
                            requests: {cpu: 100m}
                            limits: {cpu: 500m, memory: 256Mi, nvidia.com/gpu: 1}
                """)).template().spec().containers().get(0);
        assertEquals(100, c.requests().cpuMillis(), "an explicit request is kept");
        assertEquals(256L << 20, c.requests().memoryBytes(), "memory request defaulted from its limit");
        assertEquals(1L, c.requests().get("nvidia.com/gpu"));
        assertEquals(500, c.limits().cpuMillis());
        assertFalse(c.requests().has("ephemeral-storage"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sleep action              | sleep: {seconds: 15}                                  | 15000",
            "exec sleep                | exec: {command: [sleep, '5']}                         | 5000",
            "exec /bin/sleep fraction  | exec: {command: [/bin/sleep, '0.5']}                  | 500",
            "shell sleep               | exec: {command: [/bin/sh, -c, 'sleep 5']}             | 5000",
            "sh sleep with unit        | exec: {command: [sh, -c, 'sleep 2s']}                 | 2000",
            "shell script              | exec: {command: [/bin/sh, -c, 'nginx -s quit; sleep 5']} | -1",
            "httpGet                   | httpGet: {path: /drain, port: 8080}                   | -1",
    })
    void preStopDurationIsKnownOnlyForSleeps(String name, String handler, long millis) {
        Container c = deployment(web("", """
                          lifecycle:
                            preStop: {%s}
                """.formatted(handler))).template().spec().containers().get(0);
        assertEquals(millis, c.preStop().durationMillis(), c.preStop().action());
    }

    @Test
    void restartableInitContainerIsASidecar() {
        String yaml = withPodSpecFields("""
                      initContainers:
                        - {name: proxy, image: envoy, restartPolicy: Always, resources: {requests: {cpu: 50m}}}
                        - {name: migrate, image: tool}
                """);
        var spec = deployment(yaml).template().spec();
        assertTrue(spec.initContainers().get(0).restartableInit());
        assertFalse(spec.initContainers().get(1).restartableInit());
        assertEquals(50, spec.effectiveRequests().cpuMillis());
    }

    /** SetDefaults_Service: targetPort defaults to port; clusterIP None is headless. */
    @Test
    void serviceDefaults() {
        ServiceManifest s = (ServiceManifest) load("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  clusterIP: None
                  selector: {app: web}
                  ports:
                    - {name: http, port: 80}
                    - {name: grpc, port: 9000, targetPort: grpc, protocol: TCP}
                """).value().get(0);
        assertEquals("shop", s.namespace());
        assertEquals("ClusterIP", s.type());
        assertTrue(s.headless());
        assertEquals("80", s.ports().get(0).targetPort());
        assertEquals("TCP", s.ports().get(0).protocol());
        assertEquals("grpc", s.ports().get(1).targetPort());
    }

    @Test
    void kindListItemsAreLoadedInOrder() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Namespace
                    metadata: {name: shop}
                  - apiVersion: v1
                    kind: ServiceAccount
                    metadata: {name: sa}
                  - apiVersion: scheduling.k8s.io/v1
                    kind: PriorityClass
                    metadata: {name: high}
                    value: 1000
                """);
        assertEquals(List.of("Namespace", "PriorityClass"), r.value().stream().map(Manifest::kind).toList());
        assertEquals(new Manifest.Origin("m.yaml", 5), r.value().get(0).origin());
        assertEquals(List.of("m.yaml:8:5: warning: not simulated (yet): 1 ServiceAccount"),
                r.warnings().stream().map(Diagnostic::format).toList());
    }

    @Test
    void readsStandardInputWhenThePathIsDash() {
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: from-stdin}\n";
        var loader = new ManifestLoader(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        Manifest m = loader.load(List.of("-")).value().get(0);
        assertEquals("from-stdin", m.name());
        assertEquals("<stdin>", m.origin().file());
    }

    @Test
    void unknownFieldsAreWarningsWithTheirPathAndASuggestion() {
        Loaded<List<Manifest>> r = load(web("  replcas: 3\n", "          readinesProbe: {}\n"));
        assertEquals(List.of(
                "m.yaml:8:3: warning: unknown field \"spec.replcas\" in Deployment (ignored): did you mean \"replicas\"?",
                "m.yaml:16:11: warning: unknown field \"spec.template.spec.containers[0].readinesProbe\" in Deployment"
                        + " (ignored): did you mean \"readinessProbe\"?"),
                r.warnings().stream().map(Diagnostic::format).toList());
        assertNull(((DeploymentManifest) r.value().get(0)).replicas(), "the misspelt field has no effect");
    }

    @Test
    void notSimulatedKindsAreOneWarningMostFrequentFirst() {
        String sa = "---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a%d}\n";
        String cm = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c%d}\n";
        String ro = "---\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisRun\nmetadata: {name: r}\n";
        String yaml = cm.formatted(1) + sa.formatted(1) + ro + sa.formatted(2) + cm.formatted(2) + sa.formatted(3);
        Loaded<List<Manifest>> r = load(yaml);
        assertEquals(List.of("not simulated (yet): 3 ServiceAccount, 2 ConfigMap, 1 AnalysisRun"),
                r.warnings().stream().map(Diagnostic::message).toList());
        assertEquals(3, r.warnings().get(0).location().line(), "located at the first such object");
    }

    @Test
    void extendedResourcesAndOverheadAreRead() {
        var spec = deployment(web("", """
                          resources:
                            limits: {nvidia.com/gpu: "2", hugepages-2Mi: 100Mi, ephemeral-storage: 1Gi}
                """)).template().spec();
        Container c = spec.containers().get(0);
        assertEquals(2L, c.limits().get("nvidia.com/gpu"));
        assertEquals(100L << 20, c.limits().get("hugepages-2Mi"));
        assertEquals(1L << 30, c.requests().ephemeralStorageBytes());
    }

    @Test
    void hostNetworkPortsAreHostPorts() {
        String yaml = web("", "          ports: [{containerPort: 8080}]\n")
                .replace("      containers:", "      hostNetwork: true\n      containers:");
        var c = deployment(yaml).template().spec().containers().get(0);
        assertEquals(8080, c.ports().get(0).hostPort());
    }

    @Test
    void schedulingConstraintsAreRead() {
        String yaml = withPodSpecFields("""
                      nodeSelector: {disk: ssd}
                      tolerations:
                        - {key: dedicated, operator: Equal, value: batch, effect: NoSchedule}
                        - {operator: Exists}
                      topologySpreadConstraints:
                        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule,
                           labelSelector: {matchLabels: {app: web}}}
                      affinity:
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                              - matchExpressions: [{key: zone, operator: In, values: [a, b]}]
                          preferredDuringSchedulingIgnoredDuringExecution:
                            - weight: 20
                              preference: {matchExpressions: [{key: gen, operator: Gt, values: ['3']}]}
                        podAntiAffinity:
                          preferredDuringSchedulingIgnoredDuringExecution:
                            - weight: 100
                              podAffinityTerm:
                                topologyKey: kubernetes.io/hostname
                                labelSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
                """);
        var spec = deployment(yaml).template().spec();
        assertEquals(java.util.Map.of("disk", "ssd"), spec.nodeSelector());
        assertEquals(2, spec.tolerations().size());
        assertTrue(spec.tolerations().get(1).exists());
        assertTrue(spec.topologySpreadConstraints().get(0).doNotSchedule());
        assertTrue(spec.topologySpreadConstraints().get(0).honorNodeAffinity());
        assertFalse(spec.topologySpreadConstraints().get(0).honorNodeTaints());
        assertTrue(spec.affinity().nodeAffinity().requiredMatches("n1", java.util.Map.of("zone", "a")));
        assertFalse(spec.affinity().nodeAffinity().requiredMatches("n1", java.util.Map.of("zone", "c")));
        assertEquals(20, spec.affinity().nodeAffinity().preferred().get(0).weight());
        assertEquals(100, spec.affinity().podAntiAffinity().preferred().get(0).weight());
    }

    @Test
    void recreateStrategyHasNoSurge() {
        DeploymentManifest d = deployment(web("  strategy: {type: Recreate}\n", ""));
        assertEquals(DeploymentStrategy.RECREATE, d.strategy());
        assertNull(d.strategy().maxSurge(), "no surge defaults for Recreate");
    }
}
