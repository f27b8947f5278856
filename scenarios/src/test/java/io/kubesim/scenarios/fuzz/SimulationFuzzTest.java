package io.kubesim.scenarios.fuzz;

import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.manifest.ManifestSource;
import io.kubesim.scenarios.scenario.ScenarioReader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing the simulation with what the loader accepts: mutants of small library scenarios that
 * load are run for a few simulated minutes. A scenario the loader takes must run: the only failure
 * allowed is the loader's located input error; an exception out of the simulation fails the
 * property. Runs are bounded by a watchdog (2 million events), as the CLI bounds them.
 *
 * <p>{@code mvn verify} runs a short round (junit-platform.properties: {@code jqwik.tries.default});
 * a longer round: {@code mvn -pl scenarios test -Dtest=SimulationFuzzTest -Djqwik.tries.default=3000}.
 */
class SimulationFuzzTest {
    private static final Path LIBRARY = Path.of("../library").toAbsolutePath().normalize();
    private static final long UNTIL = SimTime.minutes(3);
    private static final long MAX_EVENTS = 2_000_000;

    /** A run the watchdog ended: allowed, as the CLI's guard ends it. */
    private static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Provide
    Arbitrary<String> scenarios() {
        return Arbitraries.of("rolling-update.yaml", "no-prestop.yaml", "drain-with-pdb.yaml", "hpa-target-95.yaml",
                "crashloop-backoff.yaml", "statefulset-rollout.yaml", "cronjob-burst.yaml", "node-failure.yaml",
                "preemption.yaml", "noisy-neighbour.yaml").flatMap(name -> Mutations.of(Mutations.read(LIBRARY.resolve(name))));
    }

    @Property
    void whatLoadsRuns(@ForAll("scenarios") String text) {
        SimulationSpec spec;
        try {
            spec = ScenarioReader.read(new ManifestSource("s.yaml", text), LIBRARY).value();
        } catch (InputException refused) {
            Statistics.label("scenario").collect("refused by the loader");
            return;
        }
        Statistics.label("scenario").collect("loaded and run");
        SimulationSpec shortRun = spec.with(spec.seed(), Math.min(spec.duration(), UNTIL));
        ClusterSimulation cluster = new ClusterSimulation(shortRun, ClusterSimulation.Options.streaming(null, null));
        cluster.simulation().watch((now, processed) -> {
            if (processed > MAX_EVENTS) {
                throw new Enough();
            }
        });
        try {
            cluster.run(shortRun.duration());
            cluster.result();
        } catch (Enough bounded) {
            // a long run, cut where the CLI's --max-events would cut a larger one
        }
    }
}
