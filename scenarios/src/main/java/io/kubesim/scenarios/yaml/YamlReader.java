package io.kubesim.scenarios.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a multi-document YAML stream into {@link YamlDocument}s, keeping the line and column of
 * every node. Empty and comment-only documents (what {@code ---} at the start or end of a file
 * produces) are skipped, as {@code kubectl} skips them. Malformed YAML and duplicate keys end in
 * one {@link InputException} at the offending place.
 */
public final class YamlReader {
    /**
     * SnakeYAML stops at 3 MiB of input by default; a {@code kubectl get -o yaml} dump of a big
     * cluster is larger, so the limit is raised to 256 MiB.
     */
    private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;
    private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(loaderOptions()).build();
    private static final JsonNodeFactory NODES = new JsonNodeFactory(true);

    private final String file;
    private Map<String, Location> values;
    private Map<String, Location> keys;

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_CODE_POINTS);
        return o;
    }

    private YamlReader(String file) {
        this.file = file;
    }

    /** Reads every non-empty document of {@code text}; {@code file} names it in locations. */
    public static List<YamlDocument> read(String file, String text) {
        return new YamlReader(file).readAll(text);
    }

    private List<YamlDocument> readAll(String text) {
        List<YamlDocument> docs = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(new StringReader(text))) {
            while (p.nextToken() != null) {
                values = new HashMap<>();
                keys = new HashMap<>();
                Location start = location(p.currentTokenLocation());
                JsonNode root = readValue(p, Pointers.ROOT);
                if (root.isNull() || root.isMissingNode() || (root.isTextual() && root.textValue().isEmpty())) {
                    continue;
                }
                docs.add(new YamlDocument(file, root, start, values, keys));
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(e);
        } catch (IOException e) {
            throw new InputException(Location.ofFile(file), "cannot read: " + e.getMessage());
        }
        return docs;
    }

    private JsonNode readValue(JsonParser p, String pointer) throws IOException {
        JsonToken t = p.currentToken();
        values.put(pointer, location(p.currentTokenLocation()));
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = Pointers.child(pointer, name);
                    Location keyLoc = location(p.currentTokenLocation());
                    if (o.has(name)) {
                        throw new InputException(keyLoc, "duplicate key \"" + name + "\" (first at line "
                                + keys.get(child).line() + ")");
                    }
                    keys.put(child, keyLoc);
                    p.nextToken();
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
