package io.kubesim.scenarios.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a multi-document YAML stream into {@link YamlDocument}s, keeping the line and column of
 * every node. Empty and comment-only documents (what {@code ---} at the start or end of a file
 * produces) are skipped, as {@code kubectl} skips them. Malformed YAML and duplicate keys end in
 * one {@link InputException} at the offending place.
 *
 * <p>Anchors, aliases and merge keys resolve as kubectl's YAML library (go-yaml v2, under
 * sigs.k8s.io/yaml) resolves them: {@code *app} is a copy of the node anchored {@code &app} earlier
 * in the same document; {@code <<: *base} (or a list of aliases, the earlier ones winning) copies
 * the entries of a mapping into the mapping that holds it, entries applied in the order written, so
 * a key written after the merge overrides the merged one; a quoted {@code "<<"} is an ordinary key.
 * Nodes copied through an alias keep the
 * locations where they are written (under the anchor). Alias expansion is bounded by go-yaml's
 * rule against "billion laughs" documents (CVE-2019-11253), see {@link AliasBudget}.
 */
public final class YamlReader {
    /**
     * SnakeYAML stops at 3 MiB of input by default; a {@code kubectl get -o yaml} dump of a big
     * cluster is larger, so the limit is raised to 256 MiB.
     */
    private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;
    /** The longest line read ({@link #longestLine}). */
    public static final int MAX_LINE = 4 * 1024 * 1024;
    /**
     * An empty plain value ({@code env:} with nothing after it) is null, as in YAML's core schema
     * and go-yaml; a quoted {@code ""} stays an empty string.
     */
    private static final YAMLFactory FACTORY = new AnchorAwareYamlFactory(YAMLFactory.builder()
            .loaderOptions(loaderOptions()).enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL));
    private static final JsonNodeFactory NODES = new JsonNodeFactory(true);
    private static final String MERGE_KEY = "<<";

    private final String file;
    private Map<String, Location> values;
    private Map<String, Location> keys;
    /** Every pointer put into {@link #values} / {@link #keys}, in order: an anchor's span is a slice. */
    private List<String> valueOrder;
    private List<String> keyOrder;
    /** The document's anchors, by name; a later anchor of the same name replaces the earlier one. */
    private Map<String, Anchor> anchors;
    /** Anchors whose node is still being read, to refuse one that contains itself. */
    private Set<String> openAnchors;
    private AliasBudget budget;

    /** A node written with {@code &name}: the node, where it sits and the slice of locations it owns. */
    private record Anchor(JsonNode node, String pointer, int valueFrom, int valueTo, int keyFrom, int keyTo) {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_CODE_POINTS);
        return o;
    }

    /**
     * A line longer than {@link #MAX_LINE}, refused before parsing: SnakeYAML's time grows with the
     * square of a scalar's length on one line (4 MiB takes seconds, 50 MiB minutes), and no object
     * the API server takes holds a value that long (its requests are at most 3 MiB).
     */
    private InputException longestLine(String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    return new InputException(new Location(file, line, 1), String.format(java.util.Locale.ROOT,
                            "a line of %,d characters: kubesim reads lines of at most %,d (4 MiB), more than any object "
                                    + "the API server takes can hold (a minified JSON dump: pretty-print it, e.g. jq . FILE)",
                            i - start, MAX_LINE));
                }
                line++;
                start = i + 1;
            }
        }
        return null;
    }

    private YamlReader(String file) {
        this.file = file;
    }

    /**
     * Reads every non-empty document of {@code text}; {@code file} names it in locations.
     *
     * @throws InputException for the first problem
     */
    public static List<YamlDocument> read(String file, String text) {
        Diagnostics d = new Diagnostics();
        List<YamlDocument> docs = read(file, text, d);
        d.throwIfErrors();
        return docs;
    }

    /**
     * Reads every document it can: a document with a bad alias or a duplicate key is recorded as
     * an error in {@code diagnostics} and left out, and reading goes on with the next one; malformed
     * YAML ends the stream (the parser cannot find the next document), keeping what came before.
     */
    public static List<YamlDocument> read(String file, String text, Diagnostics diagnostics) {
        List<YamlDocument> docs = new ArrayList<>();
        read(file, text, diagnostics, docs::add);
        return docs;
    }

    /**
     * As {@link #read(String, String, Diagnostics)}, handing each document to {@code each} as soon as
     * it is read, so that a file of a hundred thousand objects never holds all their location maps
     * at once.
     */
    public static void read(String file, String text, Diagnostics diagnostics, Consumer<YamlDocument> each) {
        new YamlReader(file).readAll(text, diagnostics, each);
    }

    private void readAll(String text, Diagnostics diagnostics, Consumer<YamlDocument> docs) {
        InputException tooLong = longestLine(text);
        if (tooLong != null) {
            diagnostics.error(tooLong);
            return;
        }
        try (JsonParser p = FACTORY.createParser(new StringReader(text))) {
            readAll(p, docs, diagnostics);
        } catch (IOException e) {
            diagnostics.error(new InputException(Location.ofFile(file), "cannot read: " + e.getMessage()));
        }
    }

    private void readAll(JsonParser p, Consumer<YamlDocument> docs, Diagnostics diagnostics) throws IOException {
        try {
            while (p.nextToken() != null) {
                values = new HashMap<>();
                keys = new HashMap<>();
                valueOrder = new ArrayList<>();
                keyOrder = new ArrayList<>();
                anchors = new HashMap<>();
                openAnchors = new HashSet<>();
                budget = new AliasBudget();
                Location start = location(p.currentTokenLocation());
                JsonNode root;
                try {
                    root = readValue(p, Pointers.ROOT);
                } catch (InputException e) {
                    diagnostics.error(e);
                    skipRestOfDocument(p);
                    continue;
                }
                if (root.isNull() || root.isMissingNode() || (root.isTextual() && root.textValue().isEmpty())) {
                    continue;
                }
                docs.accept(new YamlDocument(file, root, start, values, keys));
            }
        } catch (StreamConstraintsException e) {
            // Jackson's bound on nesting (and on the size of one number or string): no location of its own
            diagnostics.error(new InputException(location(p.currentLocation()), e.getOriginalMessage()
                    .startsWith("Document nesting depth") ? "nested more than 1,000 levels deep: kubesim reads YAML"
                    + " up to 1,000 levels (no Kubernetes object nests a tenth of that)"
                    : "invalid YAML: " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            diagnostics.error(syntaxError(e));
        }
    }

    /** After an error inside a document: reads on to its end, so that the next document can be read. */
    private static void skipRestOfDocument(JsonParser p) throws IOException {
        while (!p.getParsingContext().inRoot()) {
            if (p.nextToken() == null) {
                return;
            }
        }
    }

    private JsonNode readValue(JsonParser p, String pointer) throws IOException {
        Location at = location(p.currentTokenLocation());
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            return alias(y.getText(), pointer, at);
        }
        String anchor = p instanceof AnchorAwareYamlFactory.Parser y ? y.anchor() : null;
        int valueFrom = valueOrder.size();
        int keyFrom = keyOrder.size();
        if (anchor != null) {
            openAnchors.add(anchor);
        }
        putValue(pointer, at);
        JsonNode node = readNode(p, pointer);
        if (anchor != null) {
            openAnchors.remove(anchor);
            anchors.put(anchor, new Anchor(node, pointer, valueFrom, valueOrder.size(), keyFrom, keyOrder.size()));
        }
        return node;
    }

    private JsonNode readNode(JsonParser p, String pointer) throws IOException {
        JsonToken t = p.currentToken();
        budget.decoded(1);
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                Set<String> merged = null; // keys a merge put in o, which one written key may replace
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = Pointers.child(pointer, name);
                    Location keyLoc = location(p.currentTokenLocation());
                    boolean merge = name.equals(MERGE_KEY) && p instanceof AnchorAwareYamlFactory.Parser y
                            && y.plainScalar();
                    budget.decoded(1);
                    p.nextToken();
                    if (merge) {
                        int valueFrom = valueOrder.size();
                        int keyFrom = keyOrder.size();
                        JsonNode value = readValue(p, child);
                        if (merged == null) {
                            merged = new HashSet<>();
                        }
                        merge(o, pointer, value, child, keyLoc,
                                new int[] {valueFrom, valueOrder.size(), keyFrom, keyOrder.size()}, merged);
                        continue;
                    }
                    if (o.has(name) && (merged == null || !merged.remove(name))) {
                        throw new InputException(keyLoc, "duplicate key \"" + name + "\" (first at line "
                                + keys.get(child).line() + ")");
                    }
                    putKey(child, keyLoc);
                    o.set(name, readValue(p, child));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(readValue(p, Pointers.child(pointer, i++)));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                String text = p.getText();
                try {
                    return NODES.numberNode(new java.math.BigDecimal(text));
                } catch (NumberFormatException e) {
                    return NODES.numberNode(p.getDoubleValue());
                }
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return NODES.textNode(p.getText());
            }
        }
    }

    /** {@code *name}: a copy of the anchored node, its locations those of the anchored original. */
    private JsonNode alias(String name, String pointer, Location at) {
        Anchor a = anchors.get(name);
        if (a == null) {
            throw new InputException(at, openAnchors.contains(name)
                    ? "anchor \"" + name + "\" contains an alias to itself"
                    : "unknown anchor \"" + name + "\" (an alias *" + name + " needs an anchor &" + name
                    + " earlier in the same document)");
        }
        JsonNode copy = budget.copy(a.node(), at);
        relocate(a.pointer(), pointer, a.valueFrom(), a.valueTo(), a.keyFrom(), a.keyTo());
        putValue(pointer, at);
        return copy;
    }

    /**
     * {@code <<: value} inside the mapping {@code o}: the entries of a mapping, or of each mapping
     * of a list from the last to the first (so the first wins), go into {@code o}, replacing what
     * is there (go-yaml v2 applies a merge where it is written).
     */
    private void merge(ObjectNode o, String pointer, JsonNode value, String valuePointer, Location keyLoc,
                       int[] span, Set<String> merged) {
        if (value.isObject()) {
            mergeMapping(o, pointer, value, valuePointer, span, merged);
        } else if (value.isArray()) {
            for (int i = value.size() - 1; i >= 0; i--) {
                if (!value.get(i).isObject()) {
                    throw new InputException(values.get(Pointers.child(valuePointer, i)),
                            "a merge key (<<) takes a mapping or a list of mappings, got a list holding "
                                    + NodeTypes.describe(value.get(i)));
                }
                mergeMapping(o, pointer, value.get(i), Pointers.child(valuePointer, i), span, merged);
            }
        } else {
            throw new InputException(keyLoc, "a merge key (<<) takes a mapping or a list of mappings, got "
                    + NodeTypes.describe(value));
        }
    }

    /** {@code span}: the slices of the location lists that the merge value's nodes own. */
    private void mergeMapping(ObjectNode o, String pointer, JsonNode from, String fromPointer, int[] span,
                              Set<String> merged) {
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            o.set(e.getKey(), e.getValue());
            merged.add(e.getKey());
        }
        relocate(fromPointer, pointer, span[0], span[1], span[2], span[3]);
    }

    /** Gives the nodes under {@code from} (within the slices) the same locations under {@code to}. */
    private void relocate(String from, String to, int valueFrom, int valueTo, int keyFrom, int keyTo) {
        String prefix = from + "/";
        for (int i = valueFrom; i < valueTo; i++) {
            String p = valueOrder.get(i);
            if (p.startsWith(prefix)) {
                putValue(to + p.substring(from.length()), values.get(p));
            }
        }
        for (int i = keyFrom; i < keyTo; i++) {
            String p = keyOrder.get(i);
            if (p.startsWith(prefix)) {
                putKey(to + p.substring(from.length()), keys.get(p));
            }
        }
    }

    private void putValue(String pointer, Location l) {
        values.put(pointer, l);
        valueOrder.add(pointer);
    }

    private void putKey(String pointer, Location l) {
        keys.put(pointer, l);
        keyOrder.add(pointer);
    }
    private InputException syntaxError(JsonProcessingException e) {
        Location at = location(e.getLocation());
        String problem = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m) {
                problem = m.getProblem();
                if (m.getProblemMark() != null) {
                    at = new Location(file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1);
                }
                break;
            }
        }
        if (problem == null) {
            problem = e.getOriginalMessage();
        }
        return new InputException(at, "invalid YAML: " + problem);
    }

    private Location location(JsonLocation l) {
        if (l == null || l.getLineNr() <= 0) {
            return Location.ofFile(file);
        }
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }
}
