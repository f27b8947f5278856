package io.kubesim.scenarios;

/**
 * A non-fatal finding about the input (an unknown field in a manifest, a deprecated apiVersion,
 * kinds that are not simulated): the load goes on and the CLI prints it as a warning.
 */
public record Diagnostic(Location location, String message) {
    /** {@code FILE:LINE:COL: warning: message}. */
    public String format() {
        return location + ": warning: " + message;
    }
}
