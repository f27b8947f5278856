package io.kubesim.scenarios.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.manifest.ManifestSource;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each audit check, on a minimal manifest that triggers it and on the same manifest done right
 * (which triggers nothing at all). The well-run service: 3 replicas behind a Service, requests and
 * limits at 2-2.5x, separate readiness and liveness probes, a preStop sleep, rolling-update
 * parameters set, a spread constraint, a PriorityClass, a PodDisruptionBudget of maxUnavailable 1,
 * and a default-deny ingress policy in its namespace with the one path in allowed.
 */
class AuditChecksTest {
    static final String GOOD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 3
              revisionHistoryLimit: 5
              strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  priorityClassName: serving
                  topologySpreadConstraints:
                    - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
                  containers:
                    - name: web
                      image: web:1
                      resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 640Mi}}
                      readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}
                      livenessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 10, failureThreshold: 6}
                      lifecycle: {preStop: {sleep: {seconds: 5}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: shop}
            spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-in, namespace: shop}
            spec: {podSelector: {matchLabels: {app: web}}, ingress: [{ports: [{port: 8080}]}]}
            """;

    /** The same service scaled by an HPA at 65 % CPU from 3 to 10 replicas (spec.replicas left out). */
    static final String GOOD_HPA = GOOD.replace("  replicas: 3\n", "") + """
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web, namespace: shop}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 3
              maxReplicas: 10
              metrics:
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: 65}}
            """;

    static List<Finding> audit(String yaml, int kubeMinor) {
        List<ManifestSource> sources = List.of(new ManifestSource("shop.yaml", yaml));
        AuditInput in = AuditInput.read(sources, kubeMinor,
                new io.kubesim.scenarios.manifest.ManifestLoader().loadSources(sources).value());
        return Audit.run(in, AuditChecks.all());
    }

    static List<Finding> audit(String yaml) {
        return audit(yaml, AuditInput.NEWEST_MINOR);
    }

    /** The findings of rule {@code id} on {@code yaml}; asserts no other rule fires, so each case isolates its check. */
    static List<Finding> only(String id, String yaml) {
        List<Finding> all = audit(yaml);
        List<String> others = all.stream().map(f -> f.rule().id()).filter(r -> !r.equals(id)).distinct().toList();
        assertEquals(List.of(), others, "only " + id + " fires: " + all);
        List<Finding> mine = all.stream().filter(f -> f.rule().id().equals(id)).toList();
        assertTrue(!mine.isEmpty(), id + " fires");
        return mine;
    }

    @Test
    @DisplayName("the well-run service, with and without an HPA, has no finding")
    void goodManifestsAreClean() {
        assertEquals(List.of(), audit(GOOD));
        assertEquals(List.of(), audit(GOOD_HPA));
    }

    @Test
    @DisplayName("requests-missing: a container without a CPU request (and no limit or LimitRange to default it)")
    void requestsMissing() {
        List<Finding> f = only("requests-missing", GOOD.replace("requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 640Mi}",
                "requests: {memory: 256Mi}, limits: {memory: 640Mi}"));
        assertTrue(f.get(0).message().startsWith("container web has no CPU request"), f.get(0).message());
        assertEquals("shop.yaml:18:11", f.get(0).location().toString(), "at the container's resources");
        // a LimitRange default in the namespace is a request (admission), so nothing is missing
        String defaulted = GOOD.replace("resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 640Mi}}",
                "resources: {requests: {cpu: 250m}, limits: {cpu: 500m}}") + """
                ---
                apiVersion: v1
                kind: LimitRange
                metadata: {name: defaults, namespace: shop}
                spec: {limits: [{type: Container, defaultRequest: {memory: 256Mi}, default: {memory: 640Mi}}]}
                """;
        assertEquals(List.of(), audit(defaulted));
    }

    @Test
    @DisplayName("memory-limit-missing: requests but no memory limit; the fix proposes 2x the request")
    void memoryLimitMissing() {
        List<Finding> f = only("memory-limit-missing", GOOD.replace("limits: {cpu: 500m, memory: 640Mi}", "limits: {cpu: 500m}"));
        assertTrue(f.get(0).fix().contains("512Mi (2x its 256Mi request)"), f.get(0).fix());
    }

    @Test
    @DisplayName("limit-request-ratio: a memory limit 8x its request; equal limit and request (Guaranteed) is not flagged")
    void limitRatio() {
        List<Finding> f = only("limit-request-ratio", GOOD.replace("memory: 640Mi}}", "memory: 2Gi}}"));
        assertTrue(f.get(0).message().contains("memory limit is 8.0x its request (2Gi / 256Mi)"), f.get(0).message());
        assertEquals(List.of(), audit(GOOD.replace("limits: {cpu: 500m, memory: 640Mi}", "limits: {cpu: 250m, memory: 256Mi}")));
    }

    @Test
    @DisplayName("pdb-missing: 3 replicas behind a Service and no budget; the fix is a PDB selecting the pods")
    void pdbMissing() {
        String noPdb = GOOD.replace("""
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web, namespace: shop}
                spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
                """, "\n");
        List<Finding> f = only("pdb-missing", noPdb);
        assertTrue(f.get(0).fix().contains("kind: PodDisruptionBudget") && f.get(0).fix().contains("matchLabels: {app: web}"),
                f.get(0).fix());
    }

    @Test
    @DisplayName("pdb-blocks-drain: minAvailable equal to the replicas, 100 %, and above an HPA's minReplicas (k8s-semantics.md 6.1)")
    void pdbBlocksDrain() {
        for (String budget : List.of("minAvailable: 3", "minAvailable: 100%", "maxUnavailable: 0")) {
            List<Finding> f = only("pdb-blocks-drain", GOOD.replace("maxUnavailable: 1, selector", budget + ", selector"));
            assertTrue(f.get(0).message().contains("no eviction is ever allowed"), f.get(0).message());
        }
        List<Finding> hpa = only("pdb-blocks-drain", GOOD_HPA.replace("maxUnavailable: 1, selector", "minAvailable: 3, selector"));
        assertTrue(hpa.get(0).message().contains("at the HPA's minReplicas 3"), hpa.get(0).message());
        // 67 % of 3 rounds up to 3 as well; 60 % of 3 is 2, which leaves one eviction
        only("pdb-blocks-drain", GOOD.replace("maxUnavailable: 1, selector", "minAvailable: 67%, selector"));
        assertEquals(List.of(), audit(GOOD.replace("maxUnavailable: 1, selector", "minAvailable: 60%, selector")));
    }

    @Test
    @DisplayName("readiness-missing: a Service routes to pods without a readiness probe")
    void readinessMissing() {
        only("readiness-missing", GOOD.replace("          readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}\n", ""));
    }

    @Test
    @DisplayName("readiness-equals-liveness: the same probe word for word")
    void readinessEqualsLiveness() {
        only("readiness-equals-liveness", GOOD.replace("livenessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 10, failureThreshold: 6}",
                "livenessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}"));
    }

    @Test
    @DisplayName("rolling-update-defaults: no rollingUpdate on a traffic-serving Deployment; the message works out the 25 % defaults")
    void rollingUpdateDefaults() {
        List<Finding> f = only("rolling-update-defaults", GOOD.replace("  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}\n", "")
                .replace("replicas: 3", "replicas: 8"));
        assertTrue(f.get(0).message().contains("with 8 replicas a rollout runs 2 extra pods and keeps 6 available"),
                f.get(0).message());
    }

    @Test
    @DisplayName("prestop-missing: traffic-serving pods without a preStop hook")
    void preStopMissing() {
        only("prestop-missing", GOOD.replace("          lifecycle: {preStop: {sleep: {seconds: 5}}}\n", ""));
    }

    @Test
    @DisplayName("hpa-cpu-target: 85 %, and autoscaling/v1 without a target (the default 80 %)")
    void hpaCpuTarget() {
        only("hpa-cpu-target", GOOD_HPA.replace("averageUtilization: 65", "averageUtilization: 85"));
        String v1 = GOOD.replace("  replicas: 3\n", "") + """
                ---
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata: {name: web, namespace: shop}
                spec: {scaleTargetRef: {kind: Deployment, name: web}, minReplicas: 3, maxReplicas: 10}
                """;
        assertTrue(only("hpa-cpu-target", v1).get(0).message().contains("80 % (the default"));
    }

    @Test
    @DisplayName("hpa-no-cpu-request: an HPA on CPU utilization over a container without a CPU request")
    void hpaNoCpuRequest() {
        List<Finding> all = audit(GOOD_HPA.replace("requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 500m, memory: 640Mi}",
                "requests: {memory: 256Mi}, limits: {memory: 640Mi}"));
        assertTrue(all.stream().anyMatch(f -> f.rule().id().equals("hpa-no-cpu-request")
                && f.message().contains("container web has no CPU request")), all.toString());
    }

    @Test
    @DisplayName("replicas-with-hpa: spec.replicas written on a workload an HPA scales")
    void replicasWithHpa() {
        only("replicas-with-hpa", GOOD_HPA.replace("  revisionHistoryLimit: 5\n", "  replicas: 3\n  revisionHistoryLimit: 5\n"));
    }

    @Test
    @DisplayName("single-replica: one replica behind a Service (maxUnavailable 1 of 1 still allows the eviction); an HPA keeping 2 is fine")
    void singleReplica() {
        only("single-replica", GOOD.replace("replicas: 3", "replicas: 1"));
        assertEquals(List.of(), audit(GOOD_HPA.replace("minReplicas: 3", "minReplicas: 2")));
    }

    @Test
    @DisplayName("no-spread: replicas with neither anti-affinity nor a spread constraint")
    void noSpread() {
        only("no-spread", GOOD.replace("      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}\n", ""));
    }

    @Test
    @DisplayName("no-priority-class: a serving workload without one; a globalDefault PriorityClass covers it")
    void noPriorityClass() {
        String none = GOOD.replace("      priorityClassName: serving\n", "");
        only("no-priority-class", none);
        assertEquals(List.of(), audit(none + """
                ---
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: default-serving}
                value: 1000
                globalDefault: true
                """));
    }

    @Test
    @DisplayName("api-removed and api-deprecated: policy/v1beta1 is refused from 1.25 and announced from 1.22")
    void apiVersions() {
        String beta = GOOD.replace("apiVersion: policy/v1", "apiVersion: policy/v1beta1");
        List<Finding> removed = only("api-removed", beta);
        assertTrue(removed.get(0).message().contains("not served since Kubernetes 1.25"), removed.get(0).message());
        assertEquals("shop.yaml:28:1", removed.get(0).location().toString(), "at the apiVersion");
        List<Finding> at22 = audit(beta, 22);
        assertEquals(List.of("api-deprecated"), at22.stream().map(f -> f.rule().id()).toList());
        assertEquals(List.of(), audit(beta, 21), "four releases ahead: not yet announced");
    }

    @Test
    @DisplayName("revision-history-zero: nothing to roll back to")
    void revisionHistoryZero() {
        only("revision-history-zero", GOOD.replace("revisionHistoryLimit: 5", "revisionHistoryLimit: 0"));
    }

    @Test
    @DisplayName("netpol-no-default-deny: a namespace whose pods any pod may reach")
    void noDefaultDeny() {
        String open = GOOD.replace("""
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: default-deny, namespace: shop}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """, "\n");
        List<Finding> f = only("netpol-no-default-deny", open);
        assertTrue(f.get(0).message().startsWith("namespace shop has no default-deny NetworkPolicy"), f.get(0).message());
    }

    @Test
    @DisplayName("netpol-dns-blocked: default-deny egress without a rule to kube-dns on UDP 53 (k8s-semantics.md 17.9)")
    void dnsBlocked() {
        String denyEgress = GOOD + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-egress, namespace: shop}
                spec: {podSelector: {}, policyTypes: [Egress]}
                """;
        List<Finding> f = only("netpol-dns-blocked", denyEgress);
        assertEquals("Deployment shop/web", f.get(0).object());
        assertTrue(f.get(0).message().contains("isolated by NetworkPolicy deny-egress"), f.get(0).message());
        assertEquals(List.of(), audit(denyEgress + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-dns, namespace: shop}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                      ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
                """));
    }

    @Test
    @DisplayName("rbac-cluster-admin: a ClusterRoleBinding of cluster-admin to the service account a workload runs as")
    void clusterAdmin() {
        String admin = GOOD.replace("      priorityClassName: serving\n", "      priorityClassName: serving\n      serviceAccountName: web\n") + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: web-admin}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: ServiceAccount, name: web, namespace: shop}]
                """;
        List<Finding> f = only("rbac-cluster-admin", admin);
        assertTrue(f.get(0).message().contains("ServiceAccount shop/web (used by Deployment shop/web)"), f.get(0).message());
    }

    @Test
    @DisplayName("rbac-wildcard: a Role with every verb on pods bound to a service account; named verbs are fine")
    void wildcard() {
        String role = GOOD + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: pod-manager, namespace: shop}
                rules: [{apiGroups: [""], resources: [pods], verbs: ["*"]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: web-pods, namespace: shop}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-manager}
                subjects: [{kind: ServiceAccount, name: default}]
                """;
        List<Finding> f = only("rbac-wildcard", role);
        assertTrue(f.get(0).message().startsWith("Role pod-manager allows every verb (rule 0) in namespace shop to "
                + "ServiceAccount shop/default (used by Deployment shop/web)"), f.get(0).message());
        assertEquals(List.of(), audit(role.replace("verbs: [\"*\"]", "verbs: [get, list, watch]")));
    }
}
