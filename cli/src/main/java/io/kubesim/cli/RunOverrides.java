package io.kubesim.cli;

import io.kubesim.sim.SimulationSpec;
import picocli.CommandLine.Option;

/** {@code --seed}, {@code --until} and {@code --set}, shared by the commands that simulate a scenario. */
final class RunOverrides {
    @Option(names = "--set", paramLabel = "TARGET:PATH=VALUE",
            description = "Overrides one field before the scenario is read (repeatable): TARGET is scenario or a "
                    + "manifest object (deployment/web, ns/deployment/web), PATH a field path "
                    + "(spec.strategy.rollingUpdate.maxSurge, spec.template.spec.containers[name=app].image, "
                    + "traffic[0].rate), VALUE as YAML writes it (25%%, 3, true, {cpu: 500m}).")
    java.util.List<String> sets = new java.util.ArrayList<>();

    /** The {@code --set} overrides, parsed (a bad one is an input error at its argument). */
    io.kubesim.scenarios.overrides.FieldOverrides fields() {
        return io.kubesim.scenarios.overrides.FieldOverrides.parse(sets);
    }

    @Option(names = "--seed", paramLabel = "N", description = "Overrides the scenario's seed.")
    Long seed;

    @Option(names = "--until", paramLabel = "DURATION",
            description = "Simulate this long instead of the scenario's duration, e.g. 90s, 5m, 1h30m.")
    String until;

    SimulationSpec apply(SimulationSpec spec) {
        return ScenarioInput.override(spec, seed, until);
    }
}
