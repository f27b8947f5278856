package io.kubesim.scenarios.manifest;

import io.kubesim.scenarios.Diagnostic;
import java.util.List;

/**
 * The text of one manifest stream and the name it goes by in messages (a path, or {@code <stdin>}),
 * with what was noticed decoding it (a UTF-16 file, bytes that are not UTF-8).
 */
public record ManifestSource(String name, String text, List<Diagnostic> warnings) {
    public ManifestSource {
        warnings = List.copyOf(warnings);
    }

    public ManifestSource(String name, String text) {
        this(name, text, List.of());
    }
}
