package io.kubesim.scenarios;

import io.kubesim.scenarios.manifest.ManifestFiles;
import io.kubesim.scenarios.scenario.ScenarioReader;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a scenario file ({@code apiVersion: kubesim.io/v1alpha1}, {@code kind: Scenario}; see
 * docs/scenario-format.md) and the manifests it names into a {@link SimulationSpec}, the one
 * thing the simulation needs. This is the entry point the CLI calls:
 *
 * <pre>{@code
 * try {
 *     Loaded<SimulationSpec> s = ScenarioLoader.load(Path.of("rolling-update.yaml"));
 *     s.warnings().forEach(w -> err.println(w.format()));
 *     run(s.value());
 * } catch (InputException e) {
 *     err.println(e.format());   // FILE:LINE:COL: message
 *     return 2;
 * }
 * }</pre>
 */
public final class ScenarioLoader {
    private ScenarioLoader() {
    }

    /**
     * Reads and checks the scenario and its manifests.
     *
     * @throws InputException for the first problem found, with file, line and column
     */
    public static Loaded<SimulationSpec> load(Path file) {
        return load(file, io.kubesim.scenarios.overrides.FieldOverrides.NONE);
    }

    /**
     * Reads and checks the scenario and its manifests with {@code --set} overrides applied first.
     *
     * @throws InputException for the first problem found, with file, line and column (an
     *                        overridden value's place is its argument: {@code --set #N:1:COL})
     */
    public static Loaded<SimulationSpec> load(Path file, io.kubesim.scenarios.overrides.FieldOverrides overrides) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new InputException(Location.ofFile(name), "is a directory, expected a scenario file (*.yaml)");
        }
        if (!Files.exists(file)) {
            throw new InputException(Location.ofFile(name), "no such file");
        }
        Path dir = file.toAbsolutePath().getParent();
        return ScenarioReader.read(ManifestFiles.read(file), dir, overrides);
    }
}
