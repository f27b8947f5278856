package io.kubesim.scenarios.scenario;

import io.kubesim.scenarios.Location;
import java.nio.file.Path;
import java.util.List;

/**
 * Where each entry point of a scenario's {@code traffic} writes its {@code arrivals}, in order: a
 * limit that depends on the traffic mode chosen on the command line is reported there. Call it
 * after {@code ScenarioLoader.load} has accepted the file.
 */
public final class TrafficLocations {
    private TrafficLocations() {
    }

    public static List<Location> arrivals(Path file) {
        ScenarioNode traffic = ScenarioSections.of(file, "traffic");
        return traffic.isPresent() ? traffic.items().stream().map(e -> e.get("arrivals").location()).toList() : List.of();
    }
}
