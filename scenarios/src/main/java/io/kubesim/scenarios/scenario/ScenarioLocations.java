package io.kubesim.scenarios.scenario;

import io.kubesim.scenarios.Location;
import java.nio.file.Path;
import java.util.List;

/**
 * Places in a scenario file for what the CLI finds after the loader has accepted it: a limit that
 * depends on a command-line option (the traffic mode), or a run stopped as a runaway, is reported at
 * the field to change.
 */
public final class ScenarioLocations {
    private ScenarioLocations() {
    }

    /** Where each entry point of {@code traffic} writes its {@code arrivals}, in order. */
    public static List<Location> arrivals(Path file) {
        ScenarioNode traffic = ScenarioSections.of(file, "traffic");
        return traffic.isPresent() ? traffic.items().stream().map(e -> e.get("arrivals").location()).toList() : List.of();
    }

    /** Where {@code duration} is written (the file itself if the file cannot be read again). */
    public static Location duration(Path file) {
        try {
            return ScenarioSections.of(file, "duration").location();
        } catch (io.kubesim.scenarios.InputException e) {
            return Location.ofFile(file.toString());
        }
    }
}
