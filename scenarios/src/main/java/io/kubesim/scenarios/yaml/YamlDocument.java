package io.kubesim.scenarios.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.util.Map;

/**
 * One YAML document read into a Jackson tree, with the location of every node and of every
 * mapping key, so that later checks (unknown fields, wrong types, impossible values) can point at
 * the exact line and column the user wrote.
 */
public final class YamlDocument {
    private final String file;
    private final JsonNode root;
    private final Location start;
    private final Map<String, Location> valueLocations;
    private final Map<String, Location> keyLocations;

    YamlDocument(String file, JsonNode root, Location start, Map<String, Location> valueLocations,
                 Map<String, Location> keyLocations) {
        this.file = file;
        this.root = root;
        this.start = start;
        this.valueLocations = valueLocations;
        this.keyLocations = keyLocations;
    }

    public String file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** Where the document's first node begins. */
    public Location start() {
        return start;
    }

    /** Where the node at {@code pointer} begins; the nearest enclosing node when it is absent. */
    public Location valueLocation(String pointer) {
        String p = pointer;
        while (true) {
            Location l = valueLocations.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return start;
            }
            p = Pointers.parent(p);
        }
    }

    /** Where the mapping key of {@code pointer} is written; falls back to {@link #valueLocation}. */
    public Location keyLocation(String pointer) {
        Location l = keyLocations.get(pointer);
        return l != null ? l : valueLocation(pointer);
    }

    /**
     * Puts {@code value} at {@code pointer} (its parent must exist), located at {@code at}: the
     * node and everything below it, and its key, report that place (a command-line override).
     */
    public void replace(String pointer, JsonNode value, Location at) {
        String parent = Pointers.parent(pointer);
        JsonNode container = root.at(parent);
        String last = Pointers.lastToken(pointer);
        if (container instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.set(last, value);
        } else if (container instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        } else {
            throw new IllegalArgumentException("no container at " + parent);
        }
        valueLocations.keySet().removeIf(k -> k.equals(pointer) || k.startsWith(pointer + "/"));
        keyLocations.keySet().removeIf(k -> k.equals(pointer) || k.startsWith(pointer + "/"));
        locateAll(pointer, value, at);
        keyLocations.put(pointer, at);
    }

    private void locateAll(String pointer, JsonNode node, Location at) {
        valueLocations.put(pointer, at);
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                keyLocations.put(Pointers.child(pointer, f), at);
                locateAll(Pointers.child(pointer, f), node.get(f), at);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                locateAll(Pointers.child(pointer, i), node.get(i), at);
            }
        }
    }

    /** An error at the node at {@code pointer}. */
    public InputException errorAt(String pointer, String message) {
        return new InputException(valueLocation(pointer), message);
    }

    /** An error at the key of {@code pointer} (for unknown or duplicate fields). */
    public InputException errorAtKey(String pointer, String message) {
        return new InputException(keyLocation(pointer), message);
    }
}
