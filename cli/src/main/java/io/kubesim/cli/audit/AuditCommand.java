package io.kubesim.cli.audit;

import io.kubesim.cli.ExitCodes;
import io.kubesim.cli.UsageError;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.audit.Audit;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditChecks;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.manifest.ManifestFiles;
import io.kubesim.scenarios.manifest.ManifestLoader;
import io.kubesim.scenarios.manifest.ManifestSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubesim audit PATH...}: the production-readiness review of a set of manifests. The input
 * is loaded as {@code validate} loads it (what the API server refuses is a located error, exit 2),
 * then every check of {@link AuditChecks} runs on the objects as written.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Reviews manifests as an expert would: resources, PodDisruptionBudgets, probes, rolling updates, "
                + "preStop draining, autoscaling, replicas and spread, RBAC, NetworkPolicies, API versions, rollback "
                + "history. Each finding names the object, the file:line:col of the field, what is wrong and the fix "
                + "(docs/audit.md).",
                "PATH is a manifest file, a directory of them, or - for standard input."},
        footer = {"", "Exit codes: 0 done (findings below --fail-on-severity, or none), 2 bad input,",
                "3 a finding at or above --fail-on-severity."})
public final class AuditCommand implements Callable<Integer> {
    private static final Pattern MINOR = Pattern.compile("v?1\\.(\\d{1,3})(\\.\\d+)?");

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Option(names = "--kube-version", paramLabel = "1.N",
            description = "The Kubernetes release the manifests are for (default: the newest kubesim knows, 1.34): "
                    + "apiVersions it no longer serves are findings.")
    String kubeVersion;

    @Option(names = "--scenario", paramLabel = "SCENARIO",
            description = "A scenario whose applications (startupTime, serving.warmUp, memory usage) the probe and "
                    + "memory checks judge the manifests against.")
    Path scenario;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or sarif (SARIF 2.1.0).")
    String format = "text";

    @Option(names = "--out", paramLabel = "FILE", description = "Writes the report to FILE instead of standard output.")
    Path out;

    @Option(names = "--fail-on-severity", paramLabel = "SEVERITY",
            description = "Exit 3 when a finding is at least this severe: high, medium or low. Default: never.")
    String failOn;

    @Option(names = "--simulate",
            description = "Runs the drill behind each finding that has one (a node-pool upgrade, a rollout, steady "
                    + "traffic) on --scenario, or on a generated one (the manifests on a cluster sized to fit, steady "
                    + "traffic to each Service), with and without the recommended fix, and adds what each cost.")
    boolean simulate;

    @Option(names = "--jobs", paramLabel = "N", description = "Drills to run at once (default: the number of processors).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--replications", paramLabel = "N",
            description = "Runs of each drill under derived seeds, reported as their mean (default 3).")
    int replications = 3;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private InputStream stdin = System.in;

    /** For tests: standard input. */
    public AuditCommand withStdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        int minor = minor(kubeVersion);
        Severity threshold = null;
        if (failOn != null) {
            threshold = Severity.parse(failOn);
            if (threshold == null) {
                throw new UsageError("--fail-on-severity " + failOn + ": expected high, medium or low");
            }
        }
        if (!List.of("text", "json", "sarif").contains(format)) {
            throw new UsageError("--format " + format + ": expected text, json or sarif");
        }
        List<ManifestSource> sources = sources();
        // what the API server would refuse is an error here, exit 2
        List<io.kubesim.api.Manifest> manifests = new ManifestLoader().loadSources(sources).value();
        io.kubesim.sim.SimulationSpec behaviour = scenario == null ? null
                : io.kubesim.scenarios.ScenarioLoader.load(scenario).value();
        AuditInput input = AuditInput.read(sources, minor, manifests, behaviour);
        List<AuditCheck> checks = AuditChecks.all();
        List<Finding> findings;
        List<Impact> impacts = null;
        if (scenario == null && !simulate) {
            findings = Audit.run(input, checks);
        } else {
            io.kubesim.cli.CountOptions.jobs(jobs);
            io.kubesim.cli.CountOptions.replications(replications);
            Path work = Files.createTempDirectory("kubesim-audit-");
            try {
                Path base = scenario != null ? scenario : DrillScenario.write(work, files(), input);
                input = input.withPlacement(Placements.of(base, scenario == null, input));
                findings = Audit.run(input, checks);
                if (simulate) {
                    impacts = drills(input, findings, base, work);
                }
            } finally {
                try (var left = Files.list(work)) {
                    for (Path f : left.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(work);
            }
        }
        AuditReport report = new AuditReport(checks, findings, sources.stream().map(ManifestSource::name).toList(),
                input.objects().size(), minor, impacts);
        String text = switch (format) {
            case "json" -> AuditJson.render(report);
            case "sarif" -> AuditSarif.render(report, version());
            default -> AuditText.render(report);
        };
        PrintWriter console = spec.commandLine().getOut();
        if (out != null) {
            write(out, text);
            console.println("audit: " + AuditText.summary(report) + "; wrote " + out);
        } else {
            console.print(text);
        }
        console.flush();
        if (threshold != null) {
            Severity t = threshold;
            if (findings.stream().anyMatch(f -> f.severity().atLeast(t))) {
                return ExitCodes.GATE_TRIPPED;
            }
        }
        return ExitCodes.OK;
    }

    /** The audited manifests as files, for a generated scenario to name. */
    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            if (p.equals(ManifestFiles.STDIN)) {
                throw new UsageError("--simulate without --scenario needs the manifests as files, not -");
            }
            files.addAll(ManifestFiles.expand(Path.of(p), null));
        }
        return files;
    }

    /** Runs the findings' drills on the base scenario (--scenario or the generated one). */
    private List<Impact> drills(AuditInput input, List<Finding> findings, Path base, Path work) throws IOException {
        Map<String, List<String>> routing = new LinkedHashMap<>();
        for (io.kubesim.scenarios.audit.Workload w : input.workloads()) {
            routing.put(w.key(), input.servicesSelecting(w).stream().map(s -> s.name()).toList());
        }
        return new AuditDrills(base, work, replications, routing).run(findings, jobs);
    }

    private List<ManifestSource> sources() {
        List<ManifestSource> sources = new ArrayList<>();
        for (String p : paths) {
            if (p.equals(ManifestFiles.STDIN)) {
                sources.add(ManifestFiles.readStdin(stdin));
            } else {
                for (Path f : ManifestFiles.expand(Path.of(p), null)) {
                    sources.add(ManifestFiles.read(f));
                }
            }
        }
        return sources;
    }

    /** The minor version of {@code 1.N} (or {@code v1.N.P}); the newest known when null. */
    static int minor(String v) {
        if (v == null) {
            return AuditInput.NEWEST_MINOR;
        }
        Matcher m = MINOR.matcher(v.trim());
        if (!m.matches()) {
            throw new UsageError("--kube-version " + v + ": expected a release such as 1.29");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Writes the report whole or not at all: to a temporary file beside it, then moved into place. */
    private static void write(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, ".kubesim-audit-", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageError("--out " + file + ": cannot write (" + e.getMessage() + ")");
        }
    }

    private static String version() {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = AuditCommand.class.getResourceAsStream("/kubesim-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
