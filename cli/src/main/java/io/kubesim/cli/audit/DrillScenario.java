package io.kubesim.cli.audit;

import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Workload;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scenario drills run on when the audit has none of its own: the audited manifests on one pool
 * of 4-core, 16 GiB nodes in three zones, sized so the pods' requests fill at most two thirds of
 * it (at least 3 nodes), with kubesim's default applications and steady traffic of
 * {@link #RATE} requests per second to every Service that selects a workload, from the first
 * minute. Written to a file so that a user can rerun or edit it.
 */
final class DrillScenario {
    static final int RATE = 20;
    static final long NODE_CPU_MILLIS = 4000;
    static final long NODE_MEMORY = 16L << 30;
    /** What the scheduler assumes for a container without requests (k8s-semantics.md 3.5): 100m and 200Mi. */
    static final long DEFAULT_CPU_MILLIS = 100;
    static final long DEFAULT_MEMORY = 200L << 20;
    static final String POOL = "audit-pool";

    private DrillScenario() {
    }

    /** Writes {@code audit-drills.yaml} into {@code dir} for the manifests {@code files}; returns its path. */
    static Path write(Path dir, List<Path> files, AuditInput in) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by kubesim audit --simulate: the audited manifests on a cluster sized to fit them,\n")
                .append("# kubesim's default applications, and steady traffic to every Service that selects a workload.\n")
                .append("apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata:\n  name: audit-drills\n")
                .append("seed: 1\nduration: 10m\nmanifests:\n");
        for (Path f : files) {
            sb.append("  - \"").append(f.toAbsolutePath().toString().replace("\\", "/").replace("\"", "\\\"")).append("\"\n");
        }
        sb.append("cluster:\n  nodePools:\n    - name: ").append(POOL).append("\n      count: ").append(nodes(in))
                .append("\n      allocatable: {cpu: \"4\", memory: 16Gi}\n      zones: [zone-a, zone-b, zone-c]\n");
        List<String> services = services(in);
        if (!services.isEmpty()) {
            sb.append("traffic:\n");
            for (String s : services) {
                sb.append("  - {service: ").append(s).append(", arrivals: {constant: ").append(RATE)
                        .append("}, startAt: 1m}\n");
            }
        }
        Path file = dir.resolve("audit-drills.yaml");
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** Nodes enough for the replicated workloads' requests at two thirds full, and at least 3. */
    static int nodes(AuditInput in) {
        long cpu = 0;
        long memory = 0;
        for (Workload w : in.workloads()) {
            int replicas = Math.max(1, w.replicated() ? w.replicas() : 1);
            for (Workload.ContainerAt c : w.containers()) {
                BigDecimal r = io.kubesim.scenarios.audit.checks.ContainerResources.request(in, w, c, "cpu");
                BigDecimal m = io.kubesim.scenarios.audit.checks.ContainerResources.request(in, w, c, "memory");
                cpu += replicas * (r == null ? DEFAULT_CPU_MILLIS : r.multiply(BigDecimal.valueOf(1000)).longValue());
                memory += replicas * (m == null ? DEFAULT_MEMORY : m.longValue());
            }
        }
        long byCpu = (long) Math.ceil(cpu * 1.5 / NODE_CPU_MILLIS);
        long byMemory = (long) Math.ceil(memory * 1.5 / NODE_MEMORY);
        return (int) Math.max(3, Math.max(byCpu, byMemory));
    }

    /** The Services ({@code ns/name}) that select a workload, in input order. */
    static List<String> services(AuditInput in) {
        Set<String> out = new LinkedHashSet<>();
        for (Workload w : in.workloads()) {
            for (AuditObject s : in.servicesSelecting(w)) {
                if (!s.path("/spec/clusterIP").asText("").equals("None")) {
                    out.add(s.namespace() + "/" + s.name());
                }
            }
        }
        return new ArrayList<>(out);
    }
}
