package io.kubesim.cli;

import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Durations;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Loading a scenario for a command: warnings to stderr, command-line overrides applied. */
final class ScenarioInput {
    private ScenarioInput() {
    }

    static SimulationSpec load(Path file, PrintWriter err, boolean quiet) {
        return load(file, io.kubesim.scenarios.overrides.FieldOverrides.NONE, err, quiet);
    }

    /** The scenario with {@code --set} overrides applied before it is read. */
    static SimulationSpec load(Path file, io.kubesim.scenarios.overrides.FieldOverrides sets, PrintWriter err,
                               boolean quiet) {
        Loaded<SimulationSpec> loaded = ScenarioLoader.load(file, sets);
        if (!quiet) {
            printWarnings(loaded, err);
        }
        return loaded.value();
    }

    /** The warnings sorted by file, line and column, as {@code validate} lists them. */
    static void printWarnings(Loaded<?> loaded, PrintWriter err) {
        List<Diagnostic> sorted = new ArrayList<>(loaded.warnings());
        sorted.sort(Comparator.comparing((Diagnostic d) -> d.location().file())
                .thenComparingInt(d -> d.location().line()).thenComparingInt(d -> d.location().column()));
        for (Diagnostic d : sorted) {
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
            if (duration > io.kubesim.scenarios.Limits.MAX_DURATION) {
                throw new UsageError("--until " + until + ": longer than kubesim simulates: at most "
                        + io.kubesim.scenarios.Limits.MAX_DURATION_TEXT);
            }
            if (!io.kubesim.scenarios.Limits.seriesFit(duration, s.sampleInterval(),
                    io.kubesim.sim.DefaultSampleInterval.series(s.nodePools(), s.manifests()))) {
                throw new UsageError("--until " + until + ": too long for the scenario's sample interval of "
                        + io.kubesim.engine.SimTime.format(s.sampleInterval()) + " (at most "
                        + String.format(java.util.Locale.ROOT, "%,d", io.kubesim.scenarios.Limits.MAX_SAMPLES_PER_SERIES)
                        + " samples a series and " + String.format(java.util.Locale.ROOT, "%,d",
                        io.kubesim.scenarios.Limits.MAX_SERIES_POINTS) + " in all): set a longer sampleInterval");
            }
        }
        return s.with(seed == null ? s.seed() : seed, duration);
    }
}
