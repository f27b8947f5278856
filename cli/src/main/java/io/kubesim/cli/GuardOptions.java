package io.kubesim.cli;

import io.kubesim.scenarios.Limits;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --max-events}: the runaway guard of the commands that simulate (docs/limits.md). */
public final class GuardOptions {
    @Option(names = "--max-events", paramLabel = "N",
            description = "Stop any one run that takes more than N engine events, as a runaway (default "
                    + "1,000,000,000: sixteen times a simulated day of 5,000 nodes).")
    long maxEvents = Limits.DEFAULT_MAX_EVENTS;

    /** The guards of the runs of {@code scenario}. */
    public Guards of(Path scenario) {
        if (maxEvents < 1) {
            throw new UsageError("--max-events " + maxEvents + ": must be at least 1");
        }
        return new Guards(scenario, maxEvents);
    }

    /** Makes the {@link RunGuard} of each run of one scenario. */
    public record Guards(Path scenario, long maxEvents) {
        /** The defaults, for commands without the option. */
        public static Guards defaults(Path scenario) {
            return new Guards(scenario, Limits.DEFAULT_MAX_EVENTS);
        }

        /** The guard of one run of {@code duration}. */
        public io.kubesim.engine.Watchdog of(long duration) {
            return new RunGuard(scenario, maxEvents, duration);
        }
    }
}
