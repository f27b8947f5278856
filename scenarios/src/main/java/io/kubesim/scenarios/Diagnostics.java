package io.kubesim.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what one load finds, in the order found: warnings, and errors of objects it skipped
 * so as to go on with the next one (a user sees every problem of an input in one pass).
 */
public final class Diagnostics {
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final List<InputException> errors = new ArrayList<>();

    public void warn(Location location, String message) {
        warnings.add(new Diagnostic(location, message));
    }

    /** Records an error; the load goes on and ends with {@link #throwIfErrors()}. */
    public void error(InputException e) {
        errors.add(e);
    }

    /** The warnings so far, in the order found. */
    public List<Diagnostic> warnings() {
        return List.copyOf(warnings);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** How many errors so far: a step that adds none went through cleanly. */
    public int errorCount() {
        return errors.size();
    }

    /** Ends a load that found errors: one {@link InputException} carrying them all and the warnings. */
    public void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw InputException.of(errors, warnings);
        }
    }
}
