package io.kubesim.cli;

import io.kubesim.engine.SimTime;
import io.kubesim.engine.Watchdog;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.scenario.ScenarioLocations;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The runaway guard of every simulation the CLI runs: stops a run, with a message at the scenario's
 * {@code duration} saying which limit it passed and how to change it, when it has taken more engine events than
 * {@code --max-events} or when the heap is about to run out ({@link MemoryWatch}). The stop is an
 * input error (exit 2); nothing is written.
 */
final class RunGuard implements Watchdog {
    private final Path scenario;
    private final long maxEvents;
    private final long duration;

    RunGuard(Path scenario, long maxEvents, long duration) {
        this.scenario = scenario;
        this.maxEvents = maxEvents;
        this.duration = duration;
        MemoryWatch.install();
    }

    /** The scenario's {@code duration}, the field a runaway is reported at. */
    private Location at() {
        return scenario == null ? Location.ofFile("") : ScenarioLocations.duration(scenario);
    }

    @Override
    public void check(long now, long processed) {
        if (processed > maxEvents) {
            throw new InputException(at(), String.format(Locale.ROOT,
                    "the run passed %,d engine events at %s of %s and was stopped as a runaway; raise --max-events "
                            + "(now %,d) if it should go on, or shorten the duration, lower the request rates or "
                            + "use --traffic-mode fluid", processed, SimTime.format(now), SimTime.format(duration),
                    maxEvents));
        }
        String heap = MemoryWatch.exhausted();
        if (heap != null) {
            MemoryWatch.clear();
            throw new InputException(at(), "the run was stopped at " + SimTime.format(now) + " of "
                    + SimTime.format(duration) + ": the heap was still " + heap + " full after a full garbage "
                    + "collection, so it would soon run out; give the JVM more (KUBESIM_JAVA_OPTS=-Xmx8g ./kubesim ...), "
                    + "run fewer at once (--jobs 1), or simulate less (fewer nodes, a shorter duration, a longer "
                    + "sampleInterval)");
        }
    }
}
