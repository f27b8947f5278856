package io.kubesim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.scenarios.manifest.ManifestFiles;
import io.kubesim.scenarios.manifest.ManifestLoader;
import io.kubesim.scenarios.manifest.ManifestSource;
import io.kubesim.scenarios.scenario.ScenarioGates;
import io.kubesim.scenarios.scenario.ScenarioReader;
import io.kubesim.scenarios.yaml.YamlReader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.SpecException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kubesim validate FILE...}: loads scenarios and manifests and checks them without
 * simulating. A scenario is also built into a cluster (nodes, objects, admission), which catches
 * what only the API server would refuse. Every file is read even when an earlier one has errors,
 * and every located error and warning is listed in one pass, sorted by place ({@link Findings});
 * the exit code is 2 when there is any error.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Loads and checks scenarios or manifests without simulating; lists every error and warning.",
                "FILE is a scenario (kind: Scenario), a manifest file or directory, or - for standard input",
                "(a scenario there names manifests relative to the working directory); YAML or JSON."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<String> files;

    @picocli.CommandLine.Option(names = "--set", paramLabel = "TARGET:PATH=VALUE",
            description = "Overrides one field before the files are read (repeatable), as run's --set does.")
    List<String> sets = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private InputStream stdin = System.in;

    ValidateCommand withStdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Findings findings = new Findings();
        List<String> oks = new ArrayList<>();
        List<String> manifests = new ArrayList<>();
        byte[] stdinBytes = null;
        io.kubesim.scenarios.overrides.FieldOverrides overrides;
        try {
            overrides = io.kubesim.scenarios.overrides.FieldOverrides.parse(sets);
        } catch (InputException e) {
            findings.add(e);
            overrides = io.kubesim.scenarios.overrides.FieldOverrides.NONE;
        }
        io.kubesim.scenarios.overrides.FieldOverrides fields = overrides;
        for (String f : files) {
            if (f.equals(ManifestFiles.STDIN)) {
                ManifestSource in = readStdin(findings);
                if (isScenario(in)) {
                    // Manifest paths in a scenario on standard input are relative to the working directory.
                    validateScenario(f, null, () -> ScenarioReader.read(in, Path.of("").toAbsolutePath(), fields),
                            findings, oks);
                } else {
                    stdinBytes = in.text().getBytes(StandardCharsets.UTF_8);
                    manifests.add(f);
                }
            } else if (isScenario(Path.of(f))) {
                validateScenario(f, Path.of(f), () -> ScenarioLoader.load(Path.of(f), fields), findings, oks);
            } else {
                manifests.add(f);
            }
        }
        if (!manifests.isEmpty()) {
            InputStream in = new ByteArrayInputStream(stdinBytes == null ? new byte[0] : stdinBytes);
            try {
                io.kubesim.scenarios.overrides.FieldOverrides objects = fields.fresh();
                Loaded<List<Manifest>> loaded = new ManifestLoader(in).withOverrides(objects).load(manifests);
                if (objects.all().stream().anyMatch(o -> o.target() != null)) {
                    objects.checkAllApplied();
                }
                findings.addWarnings(loaded.warnings());
                oks.add("ok: " + String.join(", ", manifests) + ": " + describe(loaded.value()));
            } catch (InputException e) {
                findings.add(e);
            }
        }
        findings.print(err);
        oks.forEach(out::println);
        out.flush();
        if (findings.errors() > 0) {
            err.println(findings.errors() + " error(s), " + findings.warnings() + " warning(s)");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }

    /** @param path the scenario file, or null for standard input (its gates' selectors are then checked by run) */
    private static void validateScenario(String file, Path path, Supplier<Loaded<SimulationSpec>> load,
                                         Findings findings, List<String> oks) {
        try {
            Loaded<SimulationSpec> loaded = load.get();
            findings.addWarnings(loaded.warnings());
            SimulationSpec s = loaded.value();
            new ClusterSimulation(s, ClusterSimulation.Options.streaming(null, null));
            if (path != null) {
                checkGateSelectors(path, s);
            }
            int nodes = s.nodePools().stream().mapToInt(p -> p.count()).sum();
            oks.add("ok: " + file + ": scenario " + s.name() + ": " + describe(s.manifests()) + "; "
                    + nodes + " node(s) in " + s.nodePools().size() + " pool(s); "
                    + s.timeline().size() + " timeline action(s)");
        } catch (InputException e) {
            findings.add(e);
        } catch (SpecException e) {
            findings.add(e, file);
        }
    }

    /** The scenario's gates name Services, workloads and actions it has: else an error at the gate. */
    private static void checkGateSelectors(Path path, SimulationSpec s) {
        List<io.kubesim.scenarios.gate.GateExpression> gates = ScenarioGates.read(path);
        if (gates.isEmpty()) {
            return;
        }
        List<io.kubesim.scenarios.Location> at = ScenarioGates.locations(path);
        io.kubesim.cli.gate.GateSelectors names = io.kubesim.cli.gate.GateSelectors.of(s);
        for (int i = 0; i < gates.size(); i++) {
            try {
                names.check(gates.get(i));
            } catch (io.kubesim.cli.gate.UnknownSelectorException e) {
                throw new InputException(at.get(i), e.getMessage());
            }
        }
    }

    private ManifestSource readStdin(Findings findings) {
        try {
            return ManifestFiles.readStdin(stdin);
        } catch (InputException e) {
            findings.add(e);
            return new ManifestSource(ManifestFiles.STDIN_NAME, "");
        }
    }

    /**
     * A file is a scenario when a document of it, as parsed, says {@code kind: Scenario} (or has
     * kubesim's apiVersion, so that a scenario missing its kind gets the scenario's error). YAML
     * and JSON alike; a file that cannot be read or parsed is left to the manifest loader, which
     * reports why.
     */
    private static boolean isScenario(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try {
            return isScenario(ManifestFiles.read(p));
        } catch (InputException e) {
            return false;
        }
    }

    /** Whether some document is a scenario; each is looked at and let go (a manifest file may be large). */
    private static boolean isScenario(ManifestSource source) {
        boolean[] scenario = {false};
        YamlReader.read(source.name(), source.text(), new Diagnostics(), doc -> {
            JsonNode root = doc.root();
            scenario[0] |= root.path("kind").asText().equals("Scenario")
                    || root.path("apiVersion").asText().startsWith("kubesim.io/");
        });
        return scenario[0];
    }

    private static String describe(List<Manifest> ms) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Manifest m : ms) {
            kinds.merge(m.kind(), 1, Integer::sum);
        }
        if (kinds.isEmpty()) {
            return "no simulated objects";
        }
        List<String> parts = new ArrayList<>();
        kinds.forEach((k, n) -> parts.add(n + " " + k));
        return String.join(", ", parts);
    }
}
