package io.kubesim.cli;

import io.kubesim.sim.SimulationSpec;
import picocli.CommandLine.Option;

/** {@code --seed} and {@code --until}, shared by the commands that simulate a scenario. */
final class RunOverrides {
    @Option(names = "--seed", paramLabel = "N", description = "Overrides the scenario's seed.")
    Long seed;

    @Option(names = "--until", paramLabel = "DURATION",
            description = "Simulate this long instead of the scenario's duration, e.g. 90s, 5m, 1h30m.")
    String until;

    SimulationSpec apply(SimulationSpec spec) {
        return ScenarioInput.override(spec, seed, until);
    }
}
