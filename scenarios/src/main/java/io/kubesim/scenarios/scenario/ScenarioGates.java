package io.kubesim.scenarios.scenario;

import io.kubesim.scenarios.gate.GateExpression;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code gates:} of a scenario file, for {@code kubesim run}. Kept apart from the
 * {@code SimulationSpec} (gates judge a run's outputs, the simulation never sees them); call it
 * after {@code ScenarioLoader.load} has accepted the file, which has checked the gates already.
 */
public final class ScenarioGates {
    private ScenarioGates() {
    }

    public static List<GateExpression> read(Path file) {
        return GatesReader.read(gates(file));
    }

    /**
     * Where each gate of {@link #read} stands in the file, in the same order: an error found about
     * a gate later (a selector naming nothing in the scenario) is reported at its list item.
     */
    public static List<io.kubesim.scenarios.Location> locations(Path file) {
        ScenarioNode gates = gates(file);
        return gates.isPresent() ? gates.items().stream().map(ScenarioNode::location).toList() : List.of();
    }

    private static ScenarioNode gates(Path file) {
        return ScenarioSections.of(file, "gates");
    }
}
