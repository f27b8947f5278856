package io.kubesim.scenarios;

import java.util.ArrayList;
import java.util.List;

/** Collects warnings in the order they were found while one load runs. */
public final class Diagnostics {
    private final List<Diagnostic> warnings = new ArrayList<>();

    public void warn(Location location, String message) {
        warnings.add(new Diagnostic(location, message));
    }

    /** The warnings so far, in the order found. */
    public List<Diagnostic> warnings() {
        return List.copyOf(warnings);
    }
}
