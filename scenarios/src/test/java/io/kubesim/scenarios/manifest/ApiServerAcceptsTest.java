package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the API server accepts loads, with its defaults (k8s-semantics.md 16): Service ports
 * (16.1), null and empty values (16.3), anchors and aliases, old workload apiVersions (16.4), and
 * objects kubesim does not model, which are skipped with a warning instead of failing the file.
 */
class ApiServerAcceptsTest {
    private static Loaded<List<Manifest>> load(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml);
    }

    private static <T extends Manifest> T only(Loaded<List<Manifest>> r, Class<T> type) {
        List<T> found = r.value().stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), r.value().toString());
        return found.get(0);
    }

    private static List<String> warnings(Loaded<?> r) {
        return r.warnings().stream().map(Diagnostic::format).toList();
    }

    // --- 16.1 Service ---------------------------------------------------------------------

    static Stream<Arguments> targetPorts() {
        return Stream.of(
                Arguments.of("absent: the port", "{port: 8080}", "8080"),
                Arguments.of("0: the port", "{port: 8080, targetPort: 0}", "8080"),
                Arguments.of("empty string: the port", "{port: 8080, targetPort: \"\"}", "8080"),
                Arguments.of("a number: that number", "{port: 80, targetPort: 8080}", "8080"),
                Arguments.of("a name: resolved per pod later", "{port: 80, targetPort: http}", "http"));
    }

    @ParameterizedTest(name = "targetPort {0}")
    @MethodSource("targetPorts")
    void targetPortDefaultsToThePortWhenAbsentZeroOrEmpty_16_1(String name, String port, String expected) {
        Manifest.ServiceManifest s = only(load("apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                + "spec: {selector: {app: web}, ports: [" + port + "]}\n"), Manifest.ServiceManifest.class);
        assertEquals(expected, s.ports().get(0).targetPort());
    }

    static Stream<Arguments> badPortNames() {
        return Stream.of(
                Arguments.of("\"8080\"", "a named targetPort must contain at least one letter (a-z), got \"8080\" "
                        + "(write the number unquoted)"),
                Arguments.of("HTTP", "a named targetPort must contain only alpha-numeric characters (a-z, 0-9), and "
                        + "hyphens (-), got \"HTTP\""),
                Arguments.of("web--http", "a named targetPort must not contain consecutive hyphens, got \"web--http\""),
                Arguments.of("-http", "a named targetPort must not begin or end with a hyphen, got \"-http\""),
                Arguments.of("a-very-long-port-name", "a named targetPort must be no more than 15 characters, got "
                        + "\"a-very-long-port-name\""));
    }

    @ParameterizedTest(name = "targetPort {0}")
    @MethodSource("badPortNames")
    void aNamedTargetPortMustBeAnIanaServiceNameAsTheApiServerChecks(String targetPort, String message) {
        InputException e = assertThrows(InputException.class, () -> load("apiVersion: v1\nkind: Service\n"
                + "metadata: {name: web}\nspec:\n  ports: [{port: 80, targetPort: " + targetPort + "}]\n"));
        assertEquals(5, e.line());
        assertEquals(message, e.detail());
    }

    @Test
    void udpAndSctpPortsLoadWithTheirProtocol_16_1() {
        Manifest.ServiceManifest s = only(load("""
                apiVersion: v1
                kind: Service
                metadata: {name: dns}
                spec:
                  selector: {app: dns}
                  ports:
                    - {name: dns, port: 53, protocol: UDP}
                    - {name: dns-tcp, port: 53, protocol: TCP}
                    - {name: sig, port: 2905, protocol: SCTP}
                    - {name: default, port: 80}
                """), Manifest.ServiceManifest.class);
        assertEquals(List.of("UDP", "TCP", "SCTP", "TCP"), s.ports().stream().map(p -> p.protocol()).toList());
    }

    @Test
    void aProtocolTheApiServerDoesNotKnowIsALocatedError() {
        InputException e = assertThrows(InputException.class, () -> load(
                "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, protocol: QUIC}]\n"));
        assertEquals(5, e.line());
        assertEquals("expected one of [TCP, UDP, SCTP], got \"QUIC\"", e.detail());
    }

    @Test
    void sessionAffinityClientIpDefaultsToThreeHours_16_1() {
        Manifest.ServiceManifest s = only(load("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
                + "spec: {sessionAffinity: ClientIP, ports: [{port: 80}]}\n"), Manifest.ServiceManifest.class);
        assertEquals(10800, s.clientIpAffinitySeconds());
        Manifest.ServiceManifest t = only(load("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
                + "spec: {sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}, "
                + "ports: [{port: 80}]}\n"), Manifest.ServiceManifest.class);
        assertEquals(60, t.clientIpAffinitySeconds());
        Manifest.ServiceManifest none = only(load("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
                + "spec: {sessionAffinity: None, ports: [{port: 80}]}\n"), Manifest.ServiceManifest.class);
        assertEquals(0, none.clientIpAffinitySeconds());
    }

    @Test
    void aSessionAffinityTheApiServerRefusesIsALocatedError() {
        InputException e = assertThrows(InputException.class, () -> load(
                "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  sessionAffinity: Cookie\n  ports: [{port: 80}]\n"));
        assertEquals(5, e.line());
        assertEquals("Unsupported value: \"Cookie\": supported values: \"ClientIP\", \"None\"", e.detail());
        InputException t = assertThrows(InputException.class, () -> load("apiVersion: v1\nkind: Service\n"
                + "metadata: {name: s}\nspec:\n  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n"
                + "      timeoutSeconds: 90000\n  ports: [{port: 80}]\n"));
        assertEquals(8, t.line());
        assertEquals("must be greater than 0 and less than or equal to 86400, got 90000", t.detail());
    }

    @Test
    void aHeadlessServiceLoads_16_1() {
        Manifest.ServiceManifest s = only(load("apiVersion: v1\nkind: Service\nmetadata: {name: db}\n"
                + "spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}\n"), Manifest.ServiceManifest.class);
        assertTrue(s.headless());
        assertEquals("5432", s.ports().get(0).targetPort());
    }

    // --- 16.3 null, empty and absent -----------------------------------------------------

    /** What {@code helm template} writes when a chart's values are empty: null and {} everywhere. */
    private static final String HELM = """
            ---
            # Source: web/templates/service.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels:
              annotations: {}
            spec:
              type: ClusterIP
              ports:
                - port: 80
                  targetPort:
                  protocol: TCP
                  name: http
              selector:
                app: web
            ---
            # Source: web/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
              annotations:
            spec:
              replicas: 2
              revisionHistoryLimit:
              strategy: {}
              selector:
                matchLabels:
                  app: web
                matchExpressions:
              template:
                metadata:
                  labels:
                    app: web
                  annotations:
                spec:
                  imagePullSecrets: []
                  serviceAccountName:
                  securityContext: {}
                  nodeSelector: {}
                  affinity: {}
                  tolerations: []
                  topologySpreadConstraints:
                  volumes:
                  initContainers:
                  containers:
                    - name: web
                      image: "nginx:1.25"
                      command:
                      args:
                      env:
                      envFrom: []
                      ports:
                      volumeMounts:
                      resources: {}
                      securityContext: {}
                      livenessProbe:
                      readinessProbe:
                      lifecycle:
            ---
            # Source: web/templates/hpa.yaml
            """;

    @Test
    void helmOutputWithNullsAndEmptyValuesLoadsAsIfTheyWereAbsent_16_3() {
        Loaded<List<Manifest>> r = load(HELM);
        assertEquals(List.of(), warnings(r));
        Manifest.DeploymentManifest d = only(r, Manifest.DeploymentManifest.class);
        assertEquals(Map.of(), d.labels());
        assertEquals(10, d.revisionHistoryLimit(), "null revisionHistoryLimit: the apps/v1 default");
        assertEquals(DeploymentStrategy.rolling(IntOrPercent.ofPercent(25), IntOrPercent.ofPercent(25)), d.strategy(),
                "strategy: {} gets the 25 %/25 % rolling update");
        assertEquals(LabelSelector.of(Map.of("app", "web")), d.selector(), "null matchExpressions: none");
        assertEquals(Map.of(), d.template().spec().nodeSelector());
        assertEquals(List.of(), d.template().spec().tolerations());
        assertEquals(List.of(), d.template().spec().initContainers());
        Container c = d.template().spec().containers().get(0);
        assertEquals(Resources.NONE, c.requests(), "resources: {} sets nothing");
        assertEquals(List.of(), c.ports());
        assertNull(c.readinessProbe());
        assertNull(c.livenessProbe());
        assertNull(c.preStop());
        Manifest.ServiceManifest s = only(r, Manifest.ServiceManifest.class);
        assertEquals("80", s.ports().get(0).targetPort(), "a null targetPort is the port");
    }

    @Test
    void aNullWhereAStringGoesIsTheEmptyString_asTheApiServersDecoderReadsIt_16_3() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {app: web, canary: }
                spec:
                  containers: [{name: c, image: i, args: [--verbose, ~]}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec: {selector: {app: web, canary: ~}, ports: [{port: 80}]}
                """);
        Manifest.PodManifest p = only(r, Manifest.PodManifest.class);
        assertEquals(Map.of("app", "web", "canary", ""), p.labels());
        assertEquals(Map.of("app", "web", "canary", ""), only(r, Manifest.ServiceManifest.class).selector(),
                "the selector asks for canary=\"\": a pod without that label is not selected");
    }

    @Test
    void aNullListItemIsTheItemsZeroValue_asTheApiServersDecoderReadsIt_16_3() {
        // k8s-semantics.md 16.3: JSON null decodes as the zero value, so "- " in a list of objects
        // is an empty object: accepted where that is valid (an imagePullSecret), refused by
        // validation where it is not (a container needs a name).
        Loaded<List<Manifest>> r = load("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  imagePullSecrets:
                    -
                  containers: [{name: c, image: i}]
                """);
        assertEquals("c", only(r, Manifest.PodManifest.class).spec().containers().get(0).name());
        InputException e = assertThrows(InputException.class, () -> load("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [~]
                """));
        assertEquals("m.yaml:5:16: a container needs a name", e.getMessage());
    }

    @Test
    void anEmptySelectorAndANullOneStayDifferent_16_3() {
        String pdb = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec: {minAvailable: 1%s}\n";
        Manifest.PodDisruptionBudgetManifest empty = only(load(pdb.formatted(", selector: {}")),
                Manifest.PodDisruptionBudgetManifest.class);
        Manifest.PodDisruptionBudgetManifest absent = only(load(pdb.formatted(", selector: null")),
                Manifest.PodDisruptionBudgetManifest.class);
        assertTrue(empty.selector().isEmpty(), "{} selects every pod of the namespace");
        assertNull(absent.selector(), "null selects nothing");
    }

    @Test
    void anHpaBehaviorWrittenAsAnEmptyMappingIsNotAbsent_16_3() {
        String hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n"
                + "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 5\n%s";
        assertTrue(only(load(hpa.formatted("  behavior: {}\n")), Manifest.HorizontalPodAutoscalerManifest.class)
                .hasBehavior(), "behavior: {} takes the 1.9 path with the behavior defaults");
        assertTrue(!only(load(hpa.formatted("  behavior:\n")), Manifest.HorizontalPodAutoscalerManifest.class)
                .hasBehavior(), "behavior: (null) is absent: the legacy path");
    }

    // --- anchors and aliases ---------------------------------------------------------------

    @Test
    void aSelectorWrittenWithAnAliasSelectsWhatItSays() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: &labels {app: web, tier: front}
                spec:
                  selector:
                    matchLabels: *labels
                  template:
                    metadata:
                      labels:
                        <<: *labels
                        version: v1
                    spec:
                      containers: [{name: web, image: nginx}]
                """);
        Manifest.DeploymentManifest d = only(r, Manifest.DeploymentManifest.class);
        assertEquals(LabelSelector.of(Map.of("app", "web", "tier", "front")), d.selector());
        assertEquals(Map.of("app", "web", "tier", "front", "version", "v1"), d.template().labels());
        assertTrue(d.selector().matches(d.template().labels()));
    }

    // --- 16.4 workload defaults by apiVersion ------------------------------------------------

    static Stream<Arguments> workloadVersions() {
        IntOrPercent quarter = IntOrPercent.ofPercent(25);
        return Stream.of(
                Arguments.of("extensions/v1beta1", IntOrPercent.ofInt(1), IntOrPercent.ofInt(1), null, null, true),
                Arguments.of("apps/v1beta1", quarter, quarter, 2, 600, true),
                Arguments.of("apps/v1beta2", quarter, quarter, 10, 600, false),
                Arguments.of("apps/v1", quarter, quarter, 10, 600, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloadVersions")
    void aDeploymentGetsTheDefaultsOfItsApiVersion_16_4(String apiVersion, IntOrPercent surge, IntOrPercent unavailable,
                                                       Integer history, Integer deadline, boolean selectorFromTemplate) {
        String selector = selectorFromTemplate ? "" : "  selector: {matchLabels: {app: web}}\n";
        Loaded<List<Manifest>> r = load("apiVersion: " + apiVersion + "\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
                + selector + "  template:\n    metadata: {labels: {app: web}}\n"
                + "    spec: {containers: [{name: web, image: nginx}]}\n");
        Manifest.DeploymentManifest d = only(r, Manifest.DeploymentManifest.class);
        assertEquals(DeploymentStrategy.rolling(surge, unavailable), d.strategy());
        assertEquals(history, d.revisionHistoryLimit(), "null: every old ReplicaSet kept");
        assertEquals(deadline, d.progressDeadlineSeconds(), "null: no progress deadline");
        assertEquals(LabelSelector.of(Map.of("app", "web")), d.selector());
        if (!apiVersion.equals("apps/v1")) {
            assertEquals(1, r.warnings().size());
            assertTrue(r.warnings().get(0).message().contains("was removed in Kubernetes 1.16; use apps/v1"),
                    r.warnings().get(0).message());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloadVersions")
    void aReplicaSetOfAnOldVersionLoadsWhereThatVersionServedOne_16_4(String apiVersion, IntOrPercent surge,
            IntOrPercent unavailable, Integer history, Integer deadline, boolean selectorFromTemplate) {
        if (apiVersion.equals("apps/v1beta1")) {
            return; // apps/v1beta1 never served ReplicaSets
        }
        String selector = selectorFromTemplate ? "" : "  selector: {matchLabels: {app: web}}\n";
        Manifest.ReplicaSetManifest rs = only(load("apiVersion: " + apiVersion + "\nkind: ReplicaSet\nmetadata: {name: web}\n"
                + "spec:\n" + selector + "  template:\n    metadata: {labels: {app: web}}\n"
                + "    spec: {containers: [{name: web, image: nginx}]}\n"), Manifest.ReplicaSetManifest.class);
        assertEquals(LabelSelector.of(Map.of("app", "web")), rs.selector());
        assertEquals(1, rs.replicas());
    }

    // --- objects kubesim does not model ---------------------------------------------------

    @Test
    @DisplayName("k8s-semantics.md 11.1: a StatefulSet with only serviceName, selector and template loads with the "
            + "apps/v1 defaults, beside a Deployment, without a warning")
    void aStatefulSetBesideADeploymentBothLoad() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: postgres}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx}]}
                """);
        assertEquals("web", only(r, Manifest.DeploymentManifest.class).name());
        assertEquals("db", only(r, Manifest.StatefulSetManifest.class).name());
        assertEquals(List.of(), warnings(r));
    }

    @Test
    void anApiVersionNoKnownReleaseServesForAModelledKindIsSkippedWithALocatedWarning() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: autoscaling/v3
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec: {futureField: 1}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                """);
        assertEquals(List.of("Namespace"), r.value().stream().map(Manifest::kind).toList());
        assertEquals(List.of("m.yaml:1:1: warning: HorizontalPodAutoscaler \"web\" skipped: kubesim does not read "
                + "apiVersion \"autoscaling/v3\" (it reads autoscaling/v2, autoscaling/v2beta2, autoscaling/v2beta1, "
                + "autoscaling/v1)"), warnings(r));
    }
}
