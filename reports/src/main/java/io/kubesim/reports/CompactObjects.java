package io.kubesim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Makes the objects read from one JSON Lines file small: each becomes an {@link ObjectNode} over
 * an array-backed map whose key list is shared by every object with the same keys, and equal
 * strings share one {@link TextNode}. A day of a 5,000-node cluster writes about four million
 * events; as Jackson reads them (a linked hash map and a text node per field) they take about
 * 840 bytes each, more than the 4 GB heap the run had, while most of their fields repeat (type,
 * reason, source, the object, many messages). The objects read the same; they are not meant to
 * be changed.
 */
final class CompactObjects {
    private final Map<List<String>, String[]> layouts = new HashMap<>();
    private final Map<String, TextNode> texts = new HashMap<>();

    /** {@code node} rebuilt compactly when it is an object; anything else as it is. */
    JsonNode compact(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        List<String> keys = new ArrayList<>(object.size());
        JsonNode[] values = new JsonNode[object.size()];
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> e = it.next();
            keys.add(e.getKey());
            JsonNode v = e.getValue();
            values[i] = v instanceof TextNode t ? texts.computeIfAbsent(t.textValue(), s -> t) : compact(v);
        }
        String[] layout = layouts.computeIfAbsent(keys, k -> k.toArray(new String[0]));
        return new ObjectNode(JsonNodeFactory.instance, new Fields(layout, values));
    }

    /** An object's fields: a shared key array and its own values, in the order read. */
    private static final class Fields extends AbstractMap<String, JsonNode> {
        private final String[] keys;
        private final JsonNode[] values;

        Fields(String[] keys, JsonNode[] values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public JsonNode get(Object key) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return values[i];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return keys.length;
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, JsonNode>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < keys.length;
                        }

                        @Override
                        public Map.Entry<String, JsonNode> next() {
                            if (next >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
        }
    }
}
