package io.kubesim.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the scale scenario of benchmarks/README.md for a cluster of {@code nodes} nodes: the
 * shape of Kubernetes' published limits (5,000 nodes, 150,000 pods) scaled down in proportion.
 *
 * <ul>
 *   <li>{@code nodes} nodes of 16 cores and 64 GiB in three zones;</li>
 *   <li>{@code nodes / 5} Deployments of 144 replicas (100m, 128Mi, a readiness probe every 10 s),
 *       each behind a Service: every tenth with an HPA (65 % CPU, 144 to 200 replicas), every other
 *       with a PodDisruptionBudget (maxUnavailable 10 %), every third with a zone spread
 *       constraint, every twentieth with a preferred pod anti-affinity;</li>
 *   <li>{@code nodes / 100} StatefulSets of 20 replicas with a PDB; a DaemonSet on every node;</li>
 *   <li>24 simulated hours; traffic to every tenth Service following a daily curve (diurnal
 *       arrivals around 100 requests per second) or, given a third argument, replaying a
 *       per-minute request-rate trace scaled to average 100 requests per second over its first
 *       day (the NASA July 1995 trace has a clear daily cycle); a rollout of every Deployment spread evenly over
 *       the day; a node-pool upgrade that replaces every node once, from hour 2;</li>
 *   <li>no {@code sampleInterval}: the default for its size keeps the time series proportionate
 *   (5 minutes at 1,000 nodes, 30 at 5,000; {@code DefaultSampleInterval}).</li>
 * </ul>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.kubesim.benchmarks.ScaleScenario 5000 runs/scale [TRACE.csv]},
 * then {@code ./kubesim run runs/scale/scale.yaml --out runs/scale/out}. Everything is derived from
 * the indexes, so the same {@code nodes} always gives the same files.
 */
public final class ScaleScenario {
    static final int REPLICAS = 144;
    static final int STATEFUL_REPLICAS = 20;

    private ScaleScenario() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: ScaleScenario NODES DIR [RATE_PER_MINUTE_TRACE.csv]");
            System.exit(2);
        }
        int nodes;
        String arrivals = DIURNAL;
        try {
            nodes = Integer.parseInt(args[0]);
            if (nodes < 1) {
                throw new NumberFormatException();
            }
            if (args.length == 3) {
                Path trace = Path.of(args[2]).toAbsolutePath().normalize();
                arrivals = traceArrivals(trace, Files.readAllLines(trace, StandardCharsets.UTF_8));
            }
        } catch (NumberFormatException e) {
            System.err.println("ScaleScenario: NODES " + args[0] + ": expected a whole number of nodes, 1 or more");
            System.exit(2);
            return;
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("ScaleScenario: " + e.getFile() + ": no such file (expected a rate-per-minute trace)");
            System.exit(2);
            return;
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("ScaleScenario: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("manifests.yaml"), manifests(nodes), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("scale.yaml"), scenario(nodes, arrivals), StandardCharsets.UTF_8);
        System.out.println("wrote " + dir.resolve("scale.yaml") + " and manifests.yaml: " + nodes + " nodes, "
                + pods(nodes) + " pods");
    }

    static int deployments(int nodes) {
        return Math.max(1, nodes / 5);
    }

    static int statefulSets(int nodes) {
        return Math.max(1, nodes / 100);
    }

    static long pods(int nodes) {
        return (long) deployments(nodes) * REPLICAS + (long) statefulSets(nodes) * STATEFUL_REPLICAS + nodes;
    }

    static String manifests(int nodes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < deployments(nodes); i++) {
            String name = "svc-" + i;
            sb.append("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ").append(name).append("}\nspec:\n");
            if (i % 10 != 0) {
                sb.append("  replicas: ").append(REPLICAS).append('\n');
            }
            sb.append("  selector: {matchLabels: {app: ").append(name).append("}}\n")
                    .append("  strategy: {rollingUpdate: {maxSurge: 10%, maxUnavailable: 0}}\n")
                    .append("  template:\n    metadata: {labels: {app: ").append(name).append("}}\n    spec:\n");
            if (i % 3 == 0) {
                sb.append("      topologySpreadConstraints: [{maxSkew: 5, topologyKey: topology.kubernetes.io/zone, ")
                        .append("whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: ").append(name)
                        .append("}}}]\n");
            }
            if (i % 20 == 0) {
                sb.append("      affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: ")
                        .append("[{weight: 50, podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: ")
                        .append("{matchLabels: {app: ").append(name).append("}}}}]}}\n");
            }
            sb.append("      containers:\n        - name: app\n          image: registry.example.com/").append(name)
                    .append(":1\n          ports: [{containerPort: 8080}]\n")
                    .append("          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}\n")
                    .append("          readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 10}\n")
                    .append("          lifecycle: {preStop: {sleep: {seconds: 5}}}\n---\n");
            service(sb, name);
            if (i % 10 == 0) {
                sb.append("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: ").append(name)
                        .append("}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ").append(name)
                        .append("}\n  minReplicas: ").append(REPLICAS).append("\n  maxReplicas: 200\n")
                        .append("  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, ")
                        .append("averageUtilization: 65}}}]\n---\n");
            }
            if (i % 2 == 0) {
                pdb(sb, name, "10%");
            }
        }
        for (int i = 0; i < statefulSets(nodes); i++) {
            String name = "db-" + i;
            sb.append("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ").append(name).append("}\nspec:\n")
                    .append("  replicas: ").append(STATEFUL_REPLICAS).append("\n  serviceName: ").append(name)
                    .append("\n  podManagementPolicy: Parallel\n  selector: {matchLabels: {app: ").append(name)
                    .append("}}\n  template:\n    metadata: {labels: {app: ").append(name).append("}}\n    spec:\n")
                    .append("      containers:\n        - name: db\n          image: registry.example.com/db:1\n")
                    .append("          ports: [{containerPort: 8080}]\n")
                    .append("          resources: {requests: {cpu: 250m, memory: 512Mi}, limits: {memory: 1Gi}}\n")
                    .append("          readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 10}\n---\n");
            service(sb, name);
            pdb(sb, name, "1");
        }
        sb.append("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: node-agent}\nspec:\n")
                .append("  selector: {matchLabels: {app: node-agent}}\n  template:\n")
                .append("    metadata: {labels: {app: node-agent}}\n    spec:\n      containers:\n")
                .append("        - name: agent\n          image: registry.example.com/agent:1\n")
                .append("          resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}\n");
        return sb.toString();
    }

    private static void service(StringBuilder sb, String name) {
        sb.append("apiVersion: v1\nkind: Service\nmetadata: {name: ").append(name).append("}\nspec: {selector: {app: ")
                .append(name).append("}, ports: [{port: 80, targetPort: 8080}]}\n---\n");
    }

    private static void pdb(StringBuilder sb, String name, String maxUnavailable) {
        sb.append("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: ").append(name)
                .append("}\nspec: {maxUnavailable: ").append(maxUnavailable).append(", selector: {matchLabels: {app: ")
                .append(name).append("}}}\n---\n");
    }

    /** The default arrivals of each Service with traffic: a daily curve around 100 requests per second. */
    static final String DIURNAL = "{diurnal: {mean: 100, amplitude: 60, period: 24h, peak: 14h}}";

    /**
     * Arrivals replaying a {@code rate-per-minute} trace (a header row, then a time and a request
     * count per minute), scaled so that its first day averages 100 requests per second.
     */
    static String traceArrivals(Path trace, java.util.List<String> lines) {
        double sum = 0;
        int minutes = 0;
        for (int i = 1; i < lines.size() && minutes < 1440; i++) {
            String[] cols = lines.get(i).split(",");
            if (cols.length >= 2) {
                try {
                    sum += Double.parseDouble(cols[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(trace + ":" + (i + 1) + ":" + (cols[0].length() + 2)
                            + ": expected a request count, found \"" + cols[1].trim() + "\"");
                }
                minutes++;
            }
        }
        if (minutes == 0 || sum <= 0) {
            throw new IllegalArgumentException(trace + ": no requests in its first day");
        }
        double perSecond = sum / minutes / 60;
        return String.format(Locale.ROOT, "{trace: {file: \"%s\", layout: rate-per-minute, rateScale: %.4f}}",
                trace.toString().replace("\\", "/"), 100 / perSecond);
    }

    static String scenario(int nodes) {
        return scenario(nodes, DIURNAL);
    }

    static String scenario(int nodes, String arrivals) {
        int deployments = deployments(nodes);
        StringBuilder sb = new StringBuilder();
        sb.append("# The scale scenario of benchmarks/README.md, written by ScaleScenario for ").append(nodes)
                .append(" nodes.\napiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata:\n  name: scale-")
                .append(nodes).append("\nseed: 1\nduration: 24h\nmanifests: [manifests.yaml]\n")
                .append("cluster:\n  nodePools:\n    - name: pool\n      count: ").append(nodes)
                .append("\n      allocatable: {cpu: \"16\", memory: 64Gi}\n      zones: [zone-a, zone-b, zone-c]\n")
                .append("applications:\n  default:\n    startupTime: {lognormal: {median: 4s, p99: 15s}}\n")
                .append("    serving:\n      concurrency: 64\n      serviceTime: {lognormal: {median: 5ms, p99: 40ms}}\n")
                .append("      cpuPerRequest: 2ms\n");
        sb.append("traffic:\n");
        for (int i = 0; i < deployments; i += 10) {
            sb.append(String.format(Locale.ROOT, "  - {service: svc-%d, arrivals: %s}\n", i, arrivals));
        }
        sb.append("timeline:\n");
        long spacing = 24L * 3600 / (deployments + 1);
        for (int i = 0; i < deployments; i++) {
            sb.append("  - {at: ").append((i + 1) * spacing).append("s, rollout: {deployment: svc-").append(i)
                    .append("}}\n");
        }
        sb.append("  - {at: 2h, upgrade: {pool: pool, maxSurge: ").append(Math.max(1, nodes / 50)).append("}}\n");
        return sb.toString();
    }
}
