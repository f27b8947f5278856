package io.kubesim.cli;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Limits;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.scenario.ScenarioLocations;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.TrafficMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --traffic-mode exact} refuses an entry point whose rate passes {@link Limits#MAX_EXACT_RATE}:
 * exact mode simulates every request, a few million a wall second, so a million a simulated second
 * is already a slow run; the fluid mode takes any rate up to {@link Limits#MAX_RATE}. Reported at the
 * entry point's {@code arrivals}.
 */
public final class ExactRates {
    private ExactRates() {
    }

    public static void check(Path scenario, SimulationSpec sim) {
        List<Location> at = null;
        for (int i = 0; i < sim.traffic().size(); i++) {
            EntryPoint e = sim.traffic().get(i);
            double peak = TrafficMode.peakRate(e);
            if (peak > Limits.MAX_EXACT_RATE) {
                if (at == null) {
                    at = ScenarioLocations.arrivals(scenario);
                }
                throw new InputException(i < at.size() ? at.get(i) : Location.ofFile(scenario.toString()),
                        String.format(Locale.ROOT, "entry point \"%s\" reaches %,.0f requests per second; exact mode "
                                + "simulates at most %,.0f a second at one entry point: use --traffic-mode fluid or auto",
                                e.name(), peak, Limits.MAX_EXACT_RATE));
            }
        }
    }
}
