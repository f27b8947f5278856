package io.kubesim.cli;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.manifest.ManifestLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.io.IOException;
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
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kubesim validate FILE...}: loads scenarios and manifests and checks them without
 * simulating. A scenario is also built into a cluster (nodes, objects, admission), which catches
 * what only the API server would refuse.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Loads and checks scenarios or manifests without simulating.",
                "FILE is a scenario (kind: Scenario), a manifest file or directory, or - for standard input."})
final class ValidateCommand implements Callable<Integer> {
    private static final Pattern SCENARIO = Pattern.compile("(?m)^apiVersion:\\s*[\"']?kubesim\\.io/");

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<String> files;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private InputStream stdin = System.in;

    ValidateCommand withStdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> manifests = new ArrayList<>();
        for (String f : files) {
            if (!f.equals("-") && isScenario(Path.of(f))) {
                SimulationSpec s = ScenarioInput.load(Path.of(f), err, false);
                new ClusterSimulation(s, ClusterSimulation.Options.streaming(null, null));
                int nodes = s.nodePools().stream().mapToInt(p -> p.count()).sum();
                out.println("ok: " + f + ": scenario " + s.name() + ": " + describe(s.manifests()) + "; "
                        + nodes + " node(s) in " + s.nodePools().size() + " pool(s); "
                        + s.timeline().size() + " timeline action(s)");
            } else {
                manifests.add(f);
            }
        }
        if (!manifests.isEmpty()) {
            Loaded<List<Manifest>> loaded = new ManifestLoader(stdin).load(manifests);
            ScenarioInput.printWarnings(loaded, err);
            out.println("ok: " + String.join(", ", manifests) + ": " + describe(loaded.value()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static boolean isScenario(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(p)) {
            head = in.readNBytes(8192);
        }
        return SCENARIO.matcher(new String(head, StandardCharsets.UTF_8)).find();
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
