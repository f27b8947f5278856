package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.yaml.YamlDocument;

/**
 * One object being converted: its document, where it sits in it (the root, or
 * {@code /items/3} in a {@code kind: List}), and the warnings list. Converters name fields by
 * pointers relative to the object ({@code /spec/replicas}) and get errors at the right place.
 */
final class ObjectContext {
    private final YamlDocument doc;
    private final String base;
    private final Diagnostics diagnostics;

    ObjectContext(YamlDocument doc, String base, Diagnostics diagnostics) {
        this.doc = doc;
        this.base = base;
        this.diagnostics = diagnostics;
    }

    /** An error at the value of the field {@code rel} (or its nearest present ancestor). */
    InputException error(String rel, String message) {
        return doc.errorAt(base + rel, message);
    }

    /** An error at the key of the field {@code rel}, for a field that is missing something. */
    InputException errorAtKey(String rel, String message) {
        return doc.errorAtKey(base + rel, message);
    }

    void warn(String rel, String message) {
        diagnostics.warn(doc.keyLocation(base + rel), message);
    }

    /** A warning at a place found elsewhere (an error turned into a warning keeps its place). */
    void warnAt(Location at, String message) {
        diagnostics.warn(at, message);
    }

    Location location(String rel) {
        return doc.valueLocation(base + rel);
    }

    /** Where the key of the field {@code rel} is (or its nearest present ancestor's). */
    Location keyLocation(String rel) {
        return doc.keyLocation(base + rel);
    }

    /** The YAML node of the field {@code rel}, or a missing node. */
    JsonNode node(String rel) {
        return doc.root().at(base + rel);
    }

    /** The file and the line of the object's {@code kind}, or of its start. */
    Manifest.Origin origin() {
        Location l = doc.keyLocation(base + "/kind");
        return new Manifest.Origin(l.file(), l.line());
    }
}
