package io.kubesim.scenarios;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A user's input is wrong: a file is missing, YAML is malformed, a value has the wrong type or is
 * impossible. Carries where ({@link Location}) and what was expected, so the CLI can print one
 * line, {@code FILE:LINE:COL: message}, and exit with code 2 instead of a stack trace. A load that
 * goes on past bad objects ends in one such exception carrying all its errors ({@link #of}).
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Sorts errors by file, then line, then column, as {@code validate} lists them. */
    public static final Comparator<InputException> BY_PLACE = Comparator.comparing(InputException::file)
            .thenComparingInt(InputException::line).thenComparingInt(InputException::column);

    private final transient Location location;
    private final String detail;
    /** Every error of a load that went on past the first; empty for a single error. */
    private final transient List<InputException> all;
    /** The warnings that load found too. */
    private final transient List<Diagnostic> warnings;

    public InputException(Location location, String message) {
        this(location, message, List.of(), List.of());
    }

    private InputException(Location location, String message, List<InputException> all, List<Diagnostic> warnings) {
        super(location + ": " + message);
        this.location = location;
        this.detail = message;
        this.all = all;
        this.warnings = warnings;
    }

    /**
     * The errors one load collected (it goes on with the next object after a bad one), as one
     * exception: it reads as the first error by place, says how many more there are, and carries
     * them all ({@link #errors()}) with the load's warnings, for the CLI to print.
     */
    public static InputException of(List<InputException> errors, List<Diagnostic> warnings) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors");
        }
        List<InputException> sorted = new ArrayList<>();
        for (InputException e : errors) {
            sorted.addAll(e.errors());
        }
        sorted.sort(BY_PLACE);
        InputException first = sorted.get(0);
        if (sorted.size() == 1 && warnings.isEmpty()) {
            return first;
        }
        int more = sorted.size() - 1;
        String detail = more == 0 ? first.detail()
                : first.detail() + " (and " + more + " more error" + (more == 1 ? "" : "s") + ")";
        return new InputException(first.location(), detail, List.copyOf(sorted), List.copyOf(warnings));
    }

    /** Every error, sorted by place; just this one when it stands alone. */
    public List<InputException> errors() {
        return all.isEmpty() ? List.of(this) : all;
    }

    /** The warnings found by the load that failed, in the order found; empty when not known. */
    public List<Diagnostic> warnings() {
        return warnings;
    }

    public Location location() {
        return location;
    }

    public String file() {
        return location.file();
    }

    /** 1-based line, 0 when the error concerns the whole file. */
    public int line() {
        return location.line();
    }

    /** 1-based column, 0 when the error concerns the whole file. */
    public int column() {
        return location.column();
    }

    /** What is wrong and what was expected, without the location. */
    public String detail() {
        return detail;
    }

    /** {@code FILE:LINE:COL: message}, the one line the CLI prints (per error of {@link #errors()}). */
    public String format() {
        return getMessage();
    }

    /** No stack trace: the location is the useful part, and filling it costs time on big inputs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
