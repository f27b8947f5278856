package io.kubesim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.Durations;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.Suggestions;
import io.kubesim.scenarios.yaml.NodeTypes;
import io.kubesim.scenarios.yaml.Pointers;
import io.kubesim.scenarios.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a scenario file with strict, located accessors: each read either returns a value of
 * the expected type or throws one {@link InputException} at the node saying what was expected.
 * Unknown fields are errors here (it is the user's own configuration), with a suggestion.
 */
final class ScenarioNode {
    private final YamlDocument doc;
    private final String pointer;
    private final JsonNode node;

    ScenarioNode(YamlDocument doc, String pointer) {
        this.doc = doc;
        this.pointer = pointer;
        this.node = doc.root().at(pointer);
    }

    /** The node's value as read (a copy), for callers that take a free-form value (a merge patch). */
    JsonNode json() {
        return node.deepCopy();
    }

    static ScenarioNode root(YamlDocument doc) {
        return new ScenarioNode(doc, Pointers.ROOT);
    }

    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    boolean isText() {
        return node.isTextual();
    }

    boolean isMapping() {
        return node.isObject();
    }

    String name() {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    Location location() {
        return doc.valueLocation(pointer);
    }

    Location keyLocation() {
        return doc.keyLocation(pointer);
    }

    InputException error(String message) {
        return doc.errorAt(pointer, message);
    }

    InputException errorAtKey(String message) {
        return doc.errorAtKey(pointer, message);
    }

    /** Checks that this is a mapping with only the fields {@code object} allows; returns this. */
    ScenarioNode object(String object) {
        if (!node.isObject()) {
            throw error("expected a mapping (" + object + "), got " + NodeTypes.describe(node));
        }
        List<String> known = ScenarioFormat.fields(object);
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!known.contains(f)) {
                if (known.isEmpty()) {
                    throw doc.errorAtKey(Pointers.child(pointer, f), "unknown field \"" + f + "\": " + object
                            + " takes no fields (write {})");
                }
                throw doc.errorAtKey(Pointers.child(pointer, f), "unknown field \"" + f + "\" in " + object
                        + Suggestions.didYouMean(f, known.stream().sorted().toList())
                        + (Suggestions.closest(f, known.stream().sorted().toList()) == null ? " (expected one of "
                        + String.join(", ", known) + ")" + elsewhere(f, object) : ""));
            }
        }
        return this;
    }

    /**
     * Where a field that {@code object} does not take belongs, when it is a field of the object
     * one level up ({@code ; "startAt" belongs one level up, beside "arrivals"}) or of a mapping
     * written under one of {@code object}'s own fields ({@code ; "cpuPerRequest" belongs under
     * "serving"}): a field written a level too deep or too shallow. Empty when neither.
     */
    private String elsewhere(String field, String object) {
        String holder = holderKey();
        if (holder != null) {
            for (var e : ScenarioFormat.OBJECTS.entrySet()) {
                if (!e.getKey().equals(object) && e.getValue().contains(holder) && e.getValue().contains(field)) {
                    return "; \"" + field + "\" belongs one level up, beside \"" + holder + "\"";
                }
            }
        }
        for (String own : ScenarioFormat.fields(object)) {
            List<String> inner = ScenarioFormat.OBJECTS.get(Character.toUpperCase(own.charAt(0)) + own.substring(1));
            if (inner != null && inner.contains(field) && node.path(own).isObject()) {
                return "; \"" + field + "\" belongs under \"" + own + "\" (" + own + "." + field + ")";
            }
        }
        return "";
    }

    /** The key this mapping is written under ({@code arrivals}; for a list item, the list's key), or null at the top. */
    private String holderKey() {
        String p = pointer;
        while (!p.isEmpty()) {
            String last = p.substring(p.lastIndexOf('/') + 1);
            if (!last.chars().allMatch(Character::isDigit)) {
                return last.replace("~1", "/").replace("~0", "~");
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return null;
    }

    ScenarioNode get(String field) {
        return new ScenarioNode(doc, Pointers.child(pointer, field));
    }

    ScenarioNode required(String field) {
        ScenarioNode n = get(field);
        if (!n.isPresent()) {
            throw doc.errorAtKey(pointer, "missing required field \"" + field + "\"");
        }
        return n;
    }

    String text() {
        if (!node.isTextual()) {
            throw error("expected a string, got " + NodeTypes.describe(node));
        }
        return node.textValue();
    }

    /** A non-empty string. */
    String nonEmptyText() {
        String s = text();
        if (s.isEmpty()) {
            throw error("expected a non-empty string");
        }
        return s;
    }

    long integer() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("expected an integer, got " + NodeTypes.describe(node));
        }
        return node.longValue();
    }

    /** An integer in {@code [min, max]}. */
    int intInRange(int min, int max) {
        long v = integer();
        if (v < min || v > max) {
            String range = max == Integer.MAX_VALUE && v >= min ? "at most " + max
                    : max == Integer.MAX_VALUE ? ">= " + min : "from " + min + " to " + max;
            throw error("expected an integer " + range + ", got " + v);
        }
        return (int) v;
    }

    /** A Go-style duration string in microseconds. */
    long duration() {
        if (node.isNumber()) {
            throw error("expected a duration with a unit such as " + node.asText() + "s, 5m or 1h30m, got a bare number ("
                    + node.asText() + ")");
        }
        if (!node.isTextual()) {
            throw error("expected a duration such as 30s, 5m or 1h30m, got " + NodeTypes.describe(node));
        }
        try {
            return Durations.parseMicros(node.textValue());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** A positive duration. */
    long positiveDuration() {
        long d = duration();
        if (d <= 0) {
            throw error("expected a duration greater than 0, got " + node.asText());
        }
        return d;
    }

    List<ScenarioNode> items() {
        if (!node.isArray()) {
            throw error("expected a list, got " + NodeTypes.describe(node));
        }
        List<ScenarioNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new ScenarioNode(doc, Pointers.child(pointer, i)));
        }
        return out;
    }

    /** The entries of a mapping with free-form keys, in file order. */
    Map<String, ScenarioNode> entries() {
        if (!node.isObject()) {
            throw error("expected a mapping, got " + NodeTypes.describe(node));
        }
        Map<String, ScenarioNode> out = new LinkedHashMap<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            out.put(k, new ScenarioNode(doc, Pointers.child(pointer, k)));
        }
        return out;
    }

    /** A mapping of strings to strings (labels, images), in file order. */
    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        entries().forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    /** A list of strings. */
    List<String> stringList() {
        List<String> out = new ArrayList<>();
        for (ScenarioNode n : items()) {
            out.add(n.nonEmptyText());
        }
        return out;
    }

    /** The scalar as written, for quantities that may be numbers or strings. */
    String scalarText() {
        if (!node.isValueNode() || node.isNull()) {
            throw error("expected a quantity such as 4, 500m or 16Gi, got " + NodeTypes.describe(node));
        }
        return node.asText();
    }

    /** A finite number (integer or decimal). */
    double number() {
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw error("expected a number, got " + NodeTypes.describe(node));
        }
        return node.doubleValue();
    }

    /** A number of 0 or more; {@code what} names it in the message (e.g. "a rate in requests per second"). */
    double nonNegativeNumber(String what) {
        if (!node.isNumber()) {
            throw error("expected " + what + ", got " + NodeTypes.describe(node));
        }
        double v = number();
        if (v < 0) {
            throw error("expected " + what + " of 0 or more, got " + node.asText());
        }
        return v;
    }

    /** true or false. */
    boolean bool() {
        if (!node.isBoolean()) {
            throw error("expected true or false, got " + NodeTypes.describe(node));
        }
        return node.booleanValue();
    }
}
