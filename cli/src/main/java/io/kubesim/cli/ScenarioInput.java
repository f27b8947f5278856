package io.kubesim.cli;

import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Durations;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loading a scenario for a command: warnings to stderr, command-line overrides applied. */
final class ScenarioInput {
    private ScenarioInput() {
    }

    static SimulationSpec load(Path file, PrintWriter err, boolean quiet) {
        Loaded<SimulationSpec> loaded = ScenarioLoader.load(file);
        if (!quiet) {
            printWarnings(loaded, err);
        }
        return loaded.value();
    }

    static void printWarnings(Loaded<?> loaded, PrintWriter err) {
        for (Diagnostic d : loaded.warnings()) {
            err.println(d.format());
        }
        err.flush();
    }

    /** Applies {@code --seed} and {@code --until}. */
    static SimulationSpec override(SimulationSpec s, Long seed, String until) {
        long duration = s.duration();
        if (until != null) {
            try {
                duration = Durations.parseMicros(until);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--until " + until + ": " + e.getMessage());
            }
            if (duration <= 0) {
                throw new UsageError("--until " + until + ": must be a positive duration such as 90s, 5m or 1h30m");
            }
        }
        return s.with(seed == null ? s.seed() : seed, duration);
    }
}
