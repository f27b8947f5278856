package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Quantities;
import io.kubesim.scenarios.Suggestions;
import io.kubesim.scenarios.yaml.NodeTypes;
import io.kubesim.scenarios.yaml.Pointers;
import io.kubesim.scenarios.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Walks a manifest's YAML tree against the fabric8 class that will read it, before binding:
 * unknown fields (a typo such as {@code replcas}) become warnings with their location, because
 * fabric8 would silently keep them as additionalProperties; a value of the wrong shape (a string
 * where an integer goes) and an invalid quantity become an error at the value (all of them are
 * collected, not just the first). Maps, quantities,
 * IntOrStrings and free-form values end the walk. A null where a string goes in a map or a list
 * ({@code labels: {tier: }}, {@code args: [~]}) is set to {@code ""}, as the API server's Go
 * decoder reads it (k8s-semantics.md 16.3); the tree is changed in place before binding.
 */
final class SchemaCheck {
    private static final Map<Class<?>, SortedMap<String, JavaType>> PROPERTIES = new ConcurrentHashMap<>();
    private final ObjectMapper mapper = Fabric8Mapper.MAPPER;
    private final YamlDocument doc;
    private final Diagnostics diagnostics;
    private final String kind;
    private final String objectPointer;
    private final Set<String> extraFields;
    /** Shape errors found; the walk goes on past one so that the user sees all of them at once. */
    private final List<InputException> errors = new ArrayList<>();

    SchemaCheck(YamlDocument doc, String objectPointer, String kind, Set<String> extraFields, Diagnostics diagnostics) {
        this.doc = doc;
        this.objectPointer = objectPointer;
        this.kind = kind;
        this.extraFields = extraFields;
        this.diagnostics = diagnostics;
    }

    /**
     * Checks the object (without its {@code status}, which a manifest's author does not write).
     *
     * @throws InputException carrying every shape error found (the object cannot be bound)
     */
    void check(JsonNode object, Class<?> type) {
        SortedMap<String, JavaType> props = properties(mapper.constructType(type));
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals("status")) {
                continue;
            }
            visitField(Pointers.child(objectPointer, name), name, e.getValue(), props);
        }
        if (!errors.isEmpty()) {
            throw InputException.of(errors, List.of());
        }
    }

    private void visit(String pointer, JsonNode node, JavaType type) {
        if (node == null || node.isNull()) {
            return;
        }
        Class<?> raw = type.getRawClass();
        if (raw == Quantity.class) {
            checkQuantity(pointer, node);
        } else if (raw == IntOrString.class) {
            if (!node.isTextual() && !node.isIntegralNumber()) {
                errors.add(doc.errorAt(pointer, "expected an integer or a string, got " + NodeTypes.describe(node)));
                return;
            }
        } else if (raw == String.class) {
            if (!node.isTextual()) {
                errors.add(doc.errorAt(pointer, "expected a string, got " + NodeTypes.describe(node)
                        + (node.isValueNode() ? " (quote it)" : "")));
                return;
            }
        } else if (isIntegral(raw)) {
            if (!node.isIntegralNumber()) {
                errors.add(doc.errorAt(pointer, "expected an integer, got " + NodeTypes.describe(node)));
                return;
            }
            boolean int32 = raw == Integer.class || raw == int.class;
            if (int32 ? !node.canConvertToInt() : !node.canConvertToLong()) {
                errors.add(doc.errorAt(pointer, "integer " + node.asText() + " is out of range (at most "
                        + (int32 ? Integer.MAX_VALUE : Long.MAX_VALUE) + ")"));
                return;
            }
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (!node.isBoolean()) {
                errors.add(doc.errorAt(pointer, "expected true or false, got " + NodeTypes.describe(node)));
                return;
            }
        } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            if (!node.isNumber()) {
                errors.add(doc.errorAt(pointer, "expected a number, got " + NodeTypes.describe(node)));
                return;
            }
        } else if (type.isCollectionLikeType() || type.isArrayType()) {
            if (!node.isArray()) {
                errors.add(doc.errorAt(pointer, "expected a list, got " + NodeTypes.describe(node)));
                return;
            }
            boolean strings = type.getContentType().getRawClass() == String.class;
            boolean objects = isModelBean(type.getContentType().getRawClass());
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isNull() && strings) {
                    ((ArrayNode) node).set(i, TextNode.valueOf("")); // as Go decodes null into a string: ""
                } else if (node.get(i).isNull() && objects) {
                    // Go decodes null into a struct as its zero value: an empty object, which the
                    // readers then validate like any other (k8s-semantics.md 16.3).
                    ((ArrayNode) node).set(i, ((ArrayNode) node).objectNode());
                } else if (node.get(i).isNull()) {
                    errors.add(doc.errorAt(Pointers.child(pointer, i), "a list item must not be empty (null)"));
                    continue;
                }
                visit(Pointers.child(pointer, i), node.get(i), type.getContentType());
            }
        } else if (type.isMapLikeType()) {
            if (!node.isObject()) {
                errors.add(doc.errorAt(pointer, "expected a mapping, got " + NodeTypes.describe(node)));
                return;
            }
            boolean strings = type.getContentType().getRawClass() == String.class;
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (strings && e.getValue().isNull()) {
                    e.setValue(TextNode.valueOf("")); // a label written "app:" has the value "", as in Go
                }
                visit(Pointers.child(pointer, e.getKey()), e.getValue(), type.getContentType());
            }
        } else if (raw == io.fabric8.kubernetes.api.model.FieldsV1.class) {
            // managedFields' fieldsV1 ("f:spec": {...}) is free-form, as in any kubectl get -o yaml.
            return;
        } else if (isModelBean(raw)) {
            if (!node.isObject()) {
                errors.add(doc.errorAt(pointer, "expected a mapping, got " + NodeTypes.describe(node)));
                return;
            }
            SortedMap<String, JavaType> props = properties(type);
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                visitField(Pointers.child(pointer, e.getKey()), e.getKey(), e.getValue(), props);
            }
        }
        // Anything else (Object, JsonNode, enums, free-form) is not checked further.
    }

    private void visitField(String pointer, String name, JsonNode value, SortedMap<String, JavaType> props) {
        JavaType t = props.get(name);
        if (t != null) {
            visit(pointer, value, t);
            return;
        }
        String path = Pointers.toPath(pointer.substring(objectPointer.length()));
        if (extraFields.contains(path)) {
            return;
        }
        diagnostics.warn(doc.keyLocation(pointer), "unknown field \"" + path + "\" in " + kind + " (ignored)"
                + Suggestions.didYouMean(name, props.keySet()));
    }

    private void checkQuantity(String pointer, JsonNode node) {
        if (!node.isTextual() && !node.isNumber()) {
            errors.add(doc.errorAt(pointer, "expected a quantity such as 500m, 1.5 or 128Mi, got "
                    + NodeTypes.describe(node)));
            return;
        }
        String text = node.asText();
        try {
            Quantities.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(doc.errorAt(pointer, "invalid quantity \"" + text + "\": " + e.getMessage()
                    + " (e.g. 500m, 1.5, 128Mi, 1Gi)"));
        }
    }

    private SortedMap<String, JavaType> properties(JavaType type) {
        return PROPERTIES.computeIfAbsent(type.getRawClass(), c -> {
            BeanDescription d = mapper.getDeserializationConfig().introspect(type);
            SortedMap<String, JavaType> m = new TreeMap<>();
            for (BeanPropertyDefinition p : d.findProperties()) {
                if (p.hasSetter() || p.hasField() || p.hasConstructorParameter()) {
                    m.put(p.getName(), p.getPrimaryType());
                }
            }
            return Collections.unmodifiableSortedMap(m);
        });
    }

    private static boolean isIntegral(Class<?> raw) {
        return raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class || raw == short.class;
    }

    private static boolean isModelBean(Class<?> raw) {
        // fabric8's model, and kubesim's own classes for the Argo Rollouts schema.
        return raw.getName().startsWith("io.fabric8.kubernetes.api.model.")
                || raw.getName().startsWith("io.kubesim.scenarios.manifest.argo.");
    }
}
