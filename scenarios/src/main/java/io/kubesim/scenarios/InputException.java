package io.kubesim.scenarios;

/**
 * A user's input is wrong: a file is missing, YAML is malformed, a value has the wrong type or is
 * impossible. Carries where ({@link Location}) and what was expected, so the CLI can print one
 * line, {@code FILE:LINE:COL: message}, and exit with code 2 instead of a stack trace.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Location location;
    private final String detail;

    public InputException(Location location, String message) {
        super(location + ": " + message);
        this.location = location;
        this.detail = message;
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

    /** {@code FILE:LINE:COL: message}, the one line the CLI prints. */
    public String format() {
        return getMessage();
    }

    /** No stack trace: the location is the useful part, and filling it costs time on big inputs. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
