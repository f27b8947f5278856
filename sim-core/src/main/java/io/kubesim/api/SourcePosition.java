package io.kubesim.api;

/**
 * Where in an input file something was declared (1-based line and column), so that a warning
 * found later, when the scenario is read against the manifests, can point at it.
 */
public record SourcePosition(String file, int line, int column) {
    public SourcePosition {
        file = file == null ? "" : file;
    }
}
