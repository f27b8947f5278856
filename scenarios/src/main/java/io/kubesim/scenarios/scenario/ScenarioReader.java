package io.kubesim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.api.Manifest;
import io.kubesim.controllers.NodeLifecycleConfig;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.manifest.ManifestFiles;
import io.kubesim.scenarios.manifest.ManifestLoader;
import io.kubesim.scenarios.manifest.ManifestSource;
import io.kubesim.scenarios.manifest.ReadinessGatesReader;
import io.kubesim.scenarios.yaml.YamlDocument;
import io.kubesim.scenarios.yaml.YamlReader;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.ClusterAutoscalerSpec;
import io.kubesim.sim.DefaultSampleInterval;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one scenario file into a {@link SimulationSpec}: the header, the manifests it names
 * (relative to the file), the node pools, the application models, the timeline, the traffic
 * entry points (trace files relative to the file), the network timings and the control plane's
 * settings, in that
 * order, so that later parts can be checked against earlier ones.
 */
public final class ScenarioReader {
    private static final long DEFAULT_SEED = 1;

    private ScenarioReader() {
    }

    /** Reads the scenario in {@code source}; {@code baseDir} resolves its manifest paths. */
    public static Loaded<SimulationSpec> read(ManifestSource source, Path baseDir) {
        return read(source, baseDir, io.kubesim.scenarios.overrides.FieldOverrides.NONE);
    }

    /**
     * Reads the scenario with {@code --set} overrides applied to the scenario file and the objects
     * of its manifests before they are read.
     */
    public static Loaded<SimulationSpec> read(ManifestSource source, Path baseDir,
                                              io.kubesim.scenarios.overrides.FieldOverrides overrides) {
        overrides = overrides.fresh();
        List<YamlDocument> docs = YamlReader.read(source.name(), source.text());
        if (docs.isEmpty()) {
            throw new InputException(Location.ofFile(source.name()), "empty scenario file: expected apiVersion: "
                    + ScenarioFormat.API_VERSION + " and kind: " + ScenarioFormat.KIND);
        }
        refuseManifest(docs.get(0));
        if (docs.size() > 1) {
            throw new InputException(docs.get(1).start(), "a scenario file holds one YAML document; put manifests in "
                    + "their own files and list them under manifests");
        }
        Diagnostics diagnostics = new Diagnostics();
        source.warnings().forEach(w -> diagnostics.warn(w.location(), w.message()));
        overrides.applyToScenario(docs.get(0));
        ScenarioNode root = ScenarioNode.root(docs.get(0)).object("Scenario");
        expectConstant(root, "apiVersion", ScenarioFormat.API_VERSION);
        expectConstant(root, "kind", ScenarioFormat.KIND);
        ScenarioNode meta = root.required("metadata").object("Metadata");
        String name = meta.required("name").nonEmptyText();
        if (meta.get("description").isPresent()) {
            meta.get("description").text();
        }
        long seed = root.get("seed").isPresent() ? root.get("seed").integer() : DEFAULT_SEED;
        long duration = RunLimits.duration(root.required("duration"));
        Long sampleInterval = root.get("sampleInterval").isPresent() ? root.get("sampleInterval").positiveDuration()
                : null;

        Loaded<List<Manifest>> manifests = manifests(root.get("manifests"), baseDir, overrides);
        if (!root.get("manifests").isPresent() || root.get("manifests").items().isEmpty()) {
            diagnostics.warn(root.get("manifests").isPresent() ? root.get("manifests").location() : root.location(),
                    "the scenario lists no manifests: its cluster runs nothing but its nodes (name files or "
                    + "directories under manifests)");
        }
        overrides.checkAllApplied();
        var declaredGates = DeclaredReadinessGatesReader.read(root.get("readinessGates"));
        manifests.warnings().stream()
                .filter(w -> declaredGates.stream().noneMatch(g -> ReadinessGatesReader.isWarningAbout(w.message(),
                        g.conditionType())))
                .forEach(w -> diagnostics.warn(w.location(), w.message()));
        List<NodePool> pools = NodePoolReader.read(root.required("cluster"), diagnostics);
        WorkloadIndex services = WorkloadIndex.services(manifests.value());
        WorkloadIndex workloads = WorkloadIndex.workloads(manifests.value());
        ApplicationsReader.Applications apps = ApplicationsReader.read(root.get("applications"), workloads, services);
        PreStopTimeCheck.check(workloads.all(), apps, diagnostics);
        RunTimeCheck.check(workloads.all(), apps, diagnostics);
        List<TimelineAction> timeline = new TimelineReader(pools, WorkloadIndex.deployments(manifests.value()),
                WorkloadIndex.statefulSets(manifests.value()), manifests.value(), duration, diagnostics)
                .daemonSets(WorkloadIndex.daemonSets(manifests.value()))
                .manifestFiles(files -> manifests(files, baseDir, io.kubesim.scenarios.overrides.FieldOverrides.NONE))
                .read(root.get("timeline"));
        List<EntryPoint> traffic = new TrafficReader(services,
                new ArrivalsReader(new TraceArrivalsReader(baseDir), duration)).read(root.get("traffic"));
        HpaLoadCheck.check(manifests.value(), apps, !traffic.isEmpty(), diagnostics);
        NetworkSpec network = NetworkReader.read(root.get("network"));
        NodeLifecycleConfig controlPlane = ControlPlaneReader.read(root.get("controlPlane"));
        ClusterAutoscalerSpec autoscaler = ClusterAutoscalerReader.read(root.required("cluster"), root.get("controlPlane"));
        var registry = RegistryReader.read(root.get("registry"));
        var storage = StorageSectionReader.read(root.get("storage"), manifests.value(), diagnostics);
        UnusedDeclarations.check(root, manifests.value(), timeline, diagnostics);
        long startTime = startTime(root.get("startTime"));
        var analysis = AnalysisReader.read(root.get("analysis"), manifests.value(), diagnostics);
        GatesReader.read(root.get("gates")); // checked here so validate reports them; run reads them with ScenarioGates
        RunLimits.pods(root.get("manifests"), manifests.value(), pools);
        if (sampleInterval == null) {
            sampleInterval = DefaultSampleInterval.of(duration, pools, manifests.value());
        } else {
            RunLimits.sampling(root.get("sampleInterval"), sampleInterval, duration, pools, manifests.value());
        }
        SimulationSpec spec = new SimulationSpec(name, seed, duration, sampleInterval, pools, manifests.value(),
                apps.byWorkload(), apps.defaults(), timeline, traffic, network, controlPlane, autoscaler,
                ControlPlaneReader.readHpa(root.get("controlPlane")), registry, declaredGates, startTime, storage,
                warmup(root.get("warmup"), duration), apps.versions(), analysis);
        return new Loaded<>(spec, diagnostics.warnings());
    }

    /**
     * {@code warmup}: how long from the start the run warms up (default 0); its requests count as
     * startup, which gates leave out. At most the duration: a longer one would leave nothing to gate.
     */
    private static long warmup(ScenarioNode n, long duration) {
        if (!n.isPresent()) {
            return 0;
        }
        long warmup = n.duration(); // a negative one is refused there
        if (warmup > duration) {
            throw n.error("warmup " + io.kubesim.engine.SimTime.format(warmup)
                    + " is longer than the duration " + io.kubesim.engine.SimTime.format(duration)
                    + ": expected at most the duration");
        }
        return warmup;
    }

    /**
     * {@code startTime}: the wall-clock time of virtual time 0 as an RFC 3339 timestamp
     * ({@code 2026-03-01T08:00:00Z}, or with an offset); CronJob schedules are evaluated against it.
     * Default {@link SimulationSpec#DEFAULT_START_TIME}; the real clock is never read.
     */
    private static long startTime(ScenarioNode n) {
        if (!n.isPresent()) {
            return SimulationSpec.DEFAULT_START_TIME;
        }
        String text = n.isText() ? n.text() : n.scalarText();
        try {
            return java.time.OffsetDateTime.parse(text).toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            throw n.error("expected an RFC 3339 time such as 2026-01-01T00:00:00Z, got \"" + text + "\"");
        }
    }

    /**
     * A Kubernetes object where a scenario is expected ({@code kubesim run deployment.yaml}) is
     * refused at its kind, saying what a scenario is, rather than at its first field a scenario
     * does not have.
     */
    private static void refuseManifest(YamlDocument doc) {
        JsonNode root = doc.root();
        JsonNode kind = root.path("kind");
        if (root.isObject() && kind.isTextual() && !kind.textValue().equals(ScenarioFormat.KIND)
                && !ScenarioFormat.API_VERSION.equals(root.path("apiVersion").asText(null))) {
            throw doc.errorAt("/kind", "expected kind: " + ScenarioFormat.KIND + ", got \"" + kind.textValue()
                    + "\": this is a Kubernetes manifest, not a scenario; name its file under manifests: in a "
                    + "scenario file (kubesim validate checks manifests on their own)");
        }
    }

    private static void expectConstant(ScenarioNode root, String field, String expected) {
        ScenarioNode n = root.required(field);
        if (!n.isText() || !n.text().equals(expected)) {
            throw n.error("expected " + field + ": " + expected + ", got " + (n.isText() ? "\"" + n.text() + "\"" : "a non-string"));
        }
    }

    private static Loaded<List<Manifest>> manifests(ScenarioNode list, Path baseDir,
                                                    io.kubesim.scenarios.overrides.FieldOverrides overrides) {
        if (!list.isPresent()) {
            return new Loaded<>(List.of(), List.of());
        }
        List<ManifestSource> sources = new ArrayList<>();
        for (ScenarioNode entry : list.items()) {
            String rel = entry.nonEmptyText();
            if (rel.equals(ManifestFiles.STDIN)) {
                throw entry.error("standard input (-) cannot be named in a scenario; name a file or directory");
            }
            Path p = baseDir.resolve(rel).normalize();
            for (Path f : ManifestFiles.expand(p, entry.location())) {
                sources.add(ManifestFiles.read(f));
            }
        }
        return new ManifestLoader().withOverrides(overrides).loadSources(sources);
    }
}
