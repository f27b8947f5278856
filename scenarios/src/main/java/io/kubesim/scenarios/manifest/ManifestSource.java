package io.kubesim.scenarios.manifest;

/** The text of one manifest stream and the name it goes by in messages (a path, or {@code <stdin>}). */
public record ManifestSource(String name, String text) {
}
