package io.kubesim.scenarios.traffic;

import io.kubesim.scenarios.InputException;

/**
 * Makes the error for a trace option that does not fit the file (an unknown column or function),
 * located where the option was written, so the message points at the scenario rather than the trace.
 */
@FunctionalInterface
public interface OptionErrors {
    /** The error for {@code option} ({@code column}, {@code start}, {@code function}). */
    InputException at(String option, String message);
}
