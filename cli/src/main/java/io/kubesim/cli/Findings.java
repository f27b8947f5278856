package io.kubesim.cli;

import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import io.kubesim.sim.SpecException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The located errors and warnings of an input, printed as one list sorted by file, line and
 * column (errors before warnings at the same place), each in its usual one-line form
 * ({@code error: FILE:LINE:COL: message}, {@code FILE:LINE:COL: warning: message}). The list is
 * capped at {@link #MAX_LISTED} lines and ends with a count of the rest, so a dump with thousands
 * of problems stays readable.
 */
final class Findings {
    static final int MAX_LISTED = 50;
    private static final Pattern FILE_LINE = Pattern.compile("(.+):(\\d{1,9})");

    private record Line(Location at, boolean error, String text) {
    }

    private static final Comparator<Line> ORDER = Comparator.comparing((Line l) -> l.at().file())
            .thenComparingInt(l -> l.at().line()).thenComparingInt(l -> l.at().column())
            .thenComparing(l -> !l.error());

    private final List<Line> lines = new ArrayList<>();
    private int errors;
    private int warnings;

    void add(InputException e) {
        for (InputException one : e.errors()) {
            lines.add(new Line(one.location(), true, "error: " + one.format()));
            errors++;
        }
        e.warnings().forEach(this::add);
    }

    /**
     * What only building the cluster finds (admission refusing an object): printed as before,
     * sorted at the declaration it names ({@code file:line}), else at the top of {@code file}.
     */
    void add(SpecException e, String file) {
        Location at = Location.ofFile(file);
        Matcher m = FILE_LINE.matcher(e.where());
        if (m.matches()) {
            at = new Location(m.group(1), Integer.parseInt(m.group(2)), 0);
        }
        lines.add(new Line(at, true, "error: " + e.getMessage()));
        errors++;
    }

    void add(Diagnostic d) {
        lines.add(new Line(d.location(), false, d.format()));
        warnings++;
    }

    void addWarnings(List<Diagnostic> ds) {
        ds.forEach(this::add);
    }

    int errors() {
        return errors;
    }

    int warnings() {
        return warnings;
    }

    /** Prints the sorted list, at most {@link #MAX_LISTED} lines and then how many more there are. */
    void print(PrintWriter err) {
        List<Line> sorted = new ArrayList<>(lines);
        sorted.sort(ORDER);
        int shown = Math.min(sorted.size(), MAX_LISTED);
        for (int i = 0; i < shown; i++) {
            err.println(sorted.get(i).text());
        }
        if (sorted.size() > shown) {
            long moreErrors = sorted.subList(shown, sorted.size()).stream().filter(Line::error).count();
            err.println("... and " + (sorted.size() - shown) + " more (" + moreErrors + " error(s), "
                    + (sorted.size() - shown - moreErrors) + " warning(s)) not shown");
        }
        err.flush();
    }
}
