package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.yaml.NodeTypes;
import io.kubesim.scenarios.yaml.Pointers;
import io.kubesim.scenarios.yaml.YamlDocument;

/**
 * Binds a checked YAML tree to its fabric8 class. {@link SchemaCheck} has already rejected the
 * shapes Jackson would trip on; should Jackson still fail, its error is mapped back to the
 * offending field's location and worded without Jackson's internals.
 */
final class Binder {
    private Binder() {
    }

    static <T> T bind(YamlDocument doc, String objectPointer, JsonNode node, Class<T> type) {
        try {
            return Fabric8Mapper.MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String pointer = objectPointer;
            for (JsonMappingException.Reference r : e.getPath()) {
                pointer = r.getFieldName() != null ? Pointers.child(pointer, r.getFieldName())
                        : Pointers.child(pointer, r.getIndex());
            }
            JsonNode bad = node.at(pointer.substring(objectPointer.length()));
            throw doc.errorAt(pointer, "invalid value for " + Pointers.toPath(pointer.substring(objectPointer.length()))
                    + ": got " + NodeTypes.describe(bad));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw doc.errorAt(objectPointer, "cannot read " + type.getSimpleName() + ": invalid value");
        }
    }
}
