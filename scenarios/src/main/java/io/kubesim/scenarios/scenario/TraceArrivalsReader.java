package io.kubesim.scenarios.scenario;

import io.kubesim.scenarios.traffic.TraceLayout;
import io.kubesim.scenarios.traffic.TraceOptions;
import io.kubesim.scenarios.traffic.TraceReader;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.TraceScaling;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code arrivals.trace}: the file (relative to the scenario file), its layout and options,
 * and how to play it ({@code timeScale}, {@code rateScale}, {@code offset}, see {@link TraceScaling}).
 * Option errors point at the option in the scenario; errors in the data point into the trace.
 */
final class TraceArrivalsReader {
    private final Path baseDir;

    TraceArrivalsReader(Path baseDir) {
        this.baseDir = baseDir;
    }

    ArrivalSpec read(ScenarioNode d, boolean poisson, ScenarioNode poissonNode) {
        d.object("Trace");
        ScenarioNode fileNode = d.required("file");
        Path file = baseDir.resolve(fileNode.nonEmptyText()).normalize();
        if (!Files.isRegularFile(file)) {
            throw fileNode.error((Files.isDirectory(file) ? "is a directory, expected a trace file: " : "no such file: ")
                    + file);
        }
        ScenarioNode layoutNode = d.required("layout");
        TraceLayout layout = TraceLayout.byId(layoutNode.text()).orElseThrow(() -> layoutNode.error(
                "unknown trace layout \"" + layoutNode.text() + "\" (expected one of "
                        + String.join(", ", TraceLayout.ids()) + ")"));
        if (layout == TraceLayout.TIMESTAMPS && poissonNode.isPresent()) {
            throw poissonNode.errorAtKey("poisson applies to rates; a timestamps trace replays its recorded instants");
        }
        double timeScale = d.get("timeScale").isPresent() ? positive(d.get("timeScale")) : 1;
        double rateScale = 1;
        if (d.get("rateScale").isPresent()) {
            if (layout == TraceLayout.TIMESTAMPS) {
                throw d.get("rateScale").errorAtKey("rateScale applies to rate layouts; a timestamps trace replays "
                        + "every recorded request (use timeScale to play it faster)");
            }
            rateScale = d.get("rateScale").nonNegativeNumber("a rate multiplier");
        }
        long offset = d.get("offset").isPresent() ? d.get("offset").duration() : 0;
        TraceOptions options = new TraceOptions(layout, optional(d, "column"), optional(d, "start"),
                optional(d, "function"));
        ArrivalSpec raw = TraceReader.read(file, file.toString(), options, poisson,
                (option, message) -> d.get(option).error(message));
        return new TraceScaling(timeScale, rateScale, offset).apply(raw);
    }

    private static String optional(ScenarioNode d, String field) {
        return d.get(field).isPresent() ? d.get(field).nonEmptyText() : null;
    }

    private static double positive(ScenarioNode n) {
        double v = n.number();
        if (v <= 0) {
            throw n.error("expected a time scale greater than 0, got " + n.scalarText());
        }
        return v;
    }
}
