package io.kubesim.scenarios;

import java.util.List;

/**
 * The result of a successful load: the value and the warnings found on the way. Errors are
 * never here; they are thrown as {@link InputException}.
 */
public record Loaded<T>(T value, List<Diagnostic> warnings) {
    public Loaded {
        warnings = List.copyOf(warnings);
    }
}
