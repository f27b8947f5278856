package io.kubesim.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.cli.InOrder;
import io.kubesim.reports.SummaryReport;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.scenarios.audit.Drill;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.manifest.ManifestFiles;
import io.kubesim.scenarios.overrides.FieldOverrides;
import io.kubesim.scenarios.yaml.YamlDocument;
import io.kubesim.scenarios.yaml.YamlReader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the drills of {@code audit --simulate}: for each finding that has one, the scenario with
 * the drill as its only timeline action, and again with the finding's fix applied (its overrides,
 * and the manifest it adds), then measures both the same way, each as the mean over replications
 * under the seeds {@code run --replications} derives (the same seeds for both, so the difference is
 * the fix's, not seed noise). Runs go on threads, in a fixed order, so the outputs do not depend on
 * how many; identical runs are made once.
 */
final class AuditDrills {
    /** When the drill's action happens: after start-up, with traffic flowing since the first minute. */
    static final String AT = "3m";

    private final Path scenario;
    private final List<String> manifests;
    private final SimulationSpec base;
    private final Path work;

    /**
     * @param scenario the scenario the drills run on
     * @param work     a folder for the manifests fixes add
     */
    private final int replications;
    /** The Services (names) routing to each workload ({@code ns/name}). */
    private final Map<String, List<String>> routing;

    AuditDrills(Path scenario, Path work, int replications, Map<String, List<String>> routing) {
        this.scenario = scenario;
        this.work = work;
        this.replications = replications;
        this.routing = routing;
        this.base = ScenarioLoader.load(scenario).value();
        this.manifests = manifestEntries(scenario);
    }

    /** Each finding's impact (null where it has no drill), in the findings' order. */
    List<Impact> run(List<Finding> findings, int jobs) throws IOException {
        Map<String, List<String>> runs = new LinkedHashMap<>();
        List<String[]> keys = new ArrayList<>();
        int fixes = 0;
        for (Finding f : findings) {
            Drill d = f.drill();
            if (d == null) {
                keys.add(null);
                continue;
            }
            List<String> drill = new ArrayList<>(List.of("scenario:timeline=" + timeline(d)));
            if (d.action() == Drill.Action.SPIKE) {
                drill.addAll(spike(d.factor()));
            }
            if (d.action() == Drill.Action.MEMORY_LEAK) {
                // the workload's own application entry, its usage replaced by the leak
                drill.add("scenario:applications." + d.workload() + ".usage={memory: 256Mi, memoryGrowthPerMinute: "
                        + Drill.Action.LEAK_PER_MINUTE + "}");
            }
            List<String> fixed = new ArrayList<>(drill);
            fixed.addAll(d.fixSets());
            if (d.fixManifest() != null) {
                Path file = work.resolve("fix-" + (++fixes) + ".yaml");
                Files.writeString(file, d.fixManifest() + "\n", StandardCharsets.UTF_8);
                List<String> all = new ArrayList<>(manifests);
                all.add(quote(file.toAbsolutePath().toString()));
                fixed.add("scenario:manifests=[" + String.join(", ", all) + "]");
            }
            String a = String.join("\n", drill);
            String b = String.join("\n", fixed);
            runs.putIfAbsent(a, drill);
            runs.putIfAbsent(b, fixed);
            keys.add(new String[]{a, b});
        }
        List<Callable<Map<String, Object>>> tasks = new ArrayList<>();
        for (List<String> sets : runs.values()) {
            for (int r = 1; r <= replications; r++) {
                long seed = io.kubesim.sim.ReplicationSeeds.seed(base.seed(), r);
                tasks.add(() -> simulate(sets, seed));
            }
        }
        List<Map<String, Object>> results = InOrder.run(jobs, "kubesim-audit", tasks, n -> { });
        Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
        int i = 0;
        for (String k : runs.keySet()) {
            byKey.put(k, results.subList(i, i + replications));
            i += replications;
        }
        List<Impact> out = new ArrayList<>();
        for (int j = 0; j < findings.size(); j++) {
            String[] k = keys.get(j);
            if (k == null) {
                out.add(null);
                continue;
            }
            Drill d = findings.get(j).drill();
            long[] as = mean(d, byKey.get(k[0]));
            long[] fx = mean(d, byKey.get(k[1]));
            out.add(new Impact(what(d) + at(d), as[0], as[1], d.fixLabel(), fx[0], fx[1],
                    noise(failures(d, byKey.get(k[0])), failures(d, byKey.get(k[1])))));
        }
        return out;
    }

    private String what(Drill d) {
        return switch (d.action()) {
            case NODE_POOL_UPGRADE -> "upgrade of pool " + base.nodePools().get(0).name() + " draining its "
                    + base.nodePools().get(0).count() + " nodes at once";
            case ROLLOUT -> "rollout of " + d.workload();
            case STEADY -> "steady traffic";
            case NODE_FAILURE -> "failure of the node running " + d.workload();
            case MEMORY_LEAK -> "a memory leak of " + Drill.Action.LEAK_PER_MINUTE + "/min in " + d.workload();
            case SPIKE -> String.format(java.util.Locale.ROOT, "a jump from 1/%s of the peak load to the peak for 3 min",
                    num(d.factor()));
        };
    }

    /**
     * The spike: every rate entry point's arrivals drop to its peak rate over {@code factor} (the
     * load the HPA's minimum carries, with factor its max over its min) and jump back to the peak
     * for 3 minutes, {@link #AT} after the arrivals start: the sudden climb from the HPA's floor to
     * the load that needs its ceiling. The run lasts at least 10 minutes.
     */
    private List<String> spike(double factor) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < base.traffic().size(); i++) {
            io.kubesim.traffic.EntryPoint e = base.traffic().get(i);
            if (io.kubesim.traffic.TrafficMode.hasClosedLoop(List.of(e))) {
                continue;
            }
            double peak = io.kubesim.traffic.TrafficMode.peakRate(List.of(e));
            out.add(String.format(java.util.Locale.ROOT, "scenario:traffic[%d].arrivals={spikes: {base: %s, bursts: "
                    + "[{at: %s, duration: 3m, rate: %s}]}}", i, num(peak / factor), AT, num(peak)));
        }
        if (base.duration() < io.kubesim.engine.SimTime.minutes(10)) {
            out.add("scenario:duration=10m");
        }
        return out;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v);
    }

    /** {@code  (at Service frontend)} when the drill measures the workload's Services. */
    private String at(Drill d) {
        List<String> s = routing.getOrDefault(d.workload(), List.of());
        if (d.action() == Drill.Action.MEMORY_LEAK) {
            return s.isEmpty() ? " (at every Service)" : " (at the other Services)";
        }
        if (d.action() == Drill.Action.STEADY || s.isEmpty()) {
            return "";
        }
        return " (at Service" + (s.size() == 1 ? " " : "s ") + String.join(", ", s) + ")";
    }

    private String timeline(Drill d) {
        return switch (d.action()) {
            // every node drained at once once its replacement is up (maxSurge = the pool): the drain that
            // takes every replica down together unless a PodDisruptionBudget paces the evictions
            case NODE_POOL_UPGRADE -> "[{at: " + AT + ", upgrade: {pool: " + base.nodePools().get(0).name()
                    + ", maxSurge: " + base.nodePools().get(0).count() + "}}]";
            case ROLLOUT -> "[{at: " + AT + ", rollout: {" + (d.kind().equals("StatefulSet") ? "statefulset" : "deployment")
                    + ": " + d.workload() + "}}]";
            case STEADY -> "[]";
            case NODE_FAILURE -> "[{at: " + AT + ", failBusiestNode: {" + (d.kind().equals("StatefulSet") ? "statefulset"
                    : "deployment") + ": " + d.workload() + "}}]";
            case MEMORY_LEAK, SPIKE -> "[]";
        };
    }

    private double[] failures(Drill d, List<Map<String, Object>> summaries) {
        return summaries.stream().mapToDouble(s -> measure(d, s, services(d))[0] + measure(d, s, services(d))[1])
                .toArray();
    }

    /** The names outputs give the Services that route to the drill's workload. */
    private java.util.Set<String> services(Drill d) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        String ns = d.workload().substring(0, d.workload().indexOf('/'));
        for (String s : routing.getOrDefault(d.workload(), List.of())) {
            out.add(s);
            out.add(ns + "/" + s);
        }
        return out;
    }

    /**
     * True when the fix's difference in failed requests (plus outage seconds) is within seed noise:
     * Welch's t-test at p >= 0.05 over the replications (always false with one replication, or when
     * neither side varies).
     */
    static boolean noise(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            return false;
        }
        boolean constant = java.util.Arrays.stream(a).distinct().count() == 1
                && java.util.Arrays.stream(b).distinct().count() == 1;
        if (constant) {
            return a[0] == b[0];
        }
        return new org.apache.commons.math3.stat.inference.TTest().tTest(a, b) >= 0.05;
    }

    /** The mean failed requests and outage seconds over the replications, rounded. */
    private long[] mean(Drill d, List<Map<String, Object>> summaries) {
        double failed = 0;
        double outage = 0;
        for (Map<String, Object> s : summaries) {
            long[] m = measure(d, s, services(d));
            failed += m[0];
            outage += m[1];
        }
        return new long[]{Math.round(failed / summaries.size()), Math.round(outage / summaries.size())};
    }

    private Map<String, Object> simulate(List<String> sets, long seed) {
        SimulationSpec loaded = ScenarioLoader.load(scenario, FieldOverrides.parse(sets)).value();
        SimulationSpec s = loaded.with(seed, loaded.duration());
        ClusterSimulation c = new ClusterSimulation(s, ClusterSimulation.Options.streaming(null, null));
        c.simulation().watch(io.kubesim.cli.GuardOptions.Guards.defaults(scenario).of(s.duration()));
        c.run(s.duration());
        return SummaryReport.build(c.result(), 0);
    }

    /**
     * Failed requests and outage seconds: of the drill's action window, at the Services that route
     * to the workload ({@code services}; all of them when none is known) so that what other
     * workloads on a lost node suffer does not mask the fix; or of the whole run after start-up
     * for steady traffic.
     */
    static long[] measure(Drill d, Map<String, Object> summary, java.util.Set<String> services) {
        if (d.action() != Drill.Action.STEADY && d.action() != Drill.Action.MEMORY_LEAK
                && summary.get("actions") instanceof List<?> actions && !actions.isEmpty()
                && actions.get(0) instanceof Map<?, ?> a) {
            long outage = 0;
            if (a.get("outageSeconds") instanceof Map<?, ?> o) {
                for (Map.Entry<?, ?> e : o.entrySet()) {
                    if (services.isEmpty() || services.contains(String.valueOf(e.getKey()))) {
                        outage += ((Number) e.getValue()).longValue();
                    }
                }
            }
            long failed = 0;
            if (services.isEmpty()) {
                failed = ((Number) a.get("failed")).longValue();
            } else if (a.get("failedByService") instanceof Map<?, ?> by) {
                for (Map.Entry<?, ?> e : by.entrySet()) {
                    if (services.contains(String.valueOf(e.getKey())) && e.getValue() instanceof Map<?, ?> x
                            && x.get("failed") instanceof Number n) {
                        failed += n.longValue();
                    }
                }
            }
            return new long[]{failed, outage};
        }
        // steady traffic: every Service; a leak: every Service but the leaking workload's own (its
        // neighbours), since confining the damage to the leaker is what a memory limit is for
        java.util.Set<String> own = d.action() == Drill.Action.MEMORY_LEAK ? services : java.util.Set.of();
        long failed = 0;
        if (summary.get("services") instanceof Map<?, ?> svcs) {
            for (Map.Entry<?, ?> e : svcs.entrySet()) {
                if (!own.contains(String.valueOf(e.getKey())) && e.getValue() instanceof Map<?, ?> x
                        && x.get("failed") instanceof Number n) {
                    failed += n.longValue();
                }
            }
        }
        if (summary.get("startup") instanceof Map<?, ?> st && st.get("byService") instanceof Map<?, ?> by) {
            for (Map.Entry<?, ?> e : by.entrySet()) {
                if (!own.contains(String.valueOf(e.getKey())) && e.getValue() instanceof Map<?, ?> x
                        && x.get("failed") instanceof Number n) {
                    failed -= n.longValue();
                }
            }
        }
        long outage = 0;
        if (summary.get("outages") instanceof List<?> os) {
            for (Object o : os) {
                if (o instanceof Map<?, ?> m && m.get("seconds") instanceof Number n
                        && !own.contains(String.valueOf(m.get("service")))) {
                    outage += n.longValue();
                }
            }
        }
        return new long[]{Math.max(0, failed), outage};
    }

    /** The scenario's {@code manifests} entries as written (relative to it), quoted for a flow list. */
    private static List<String> manifestEntries(Path scenario) {
        List<String> out = new ArrayList<>();
        for (YamlDocument doc : YamlReader.read(scenario.toString(), ManifestFiles.read(scenario).text())) {
            for (JsonNode m : doc.root().path("manifests")) {
                out.add(quote(m.asText()));
            }
            break;
        }
        return out;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
