package io.kubesim.scenarios.yaml;

import com.fasterxml.jackson.databind.JsonNode;

/** Names the kind of a YAML node the way a user thinks of it, for "expected X, got Y" messages. */
public final class NodeTypes {
    private NodeTypes() {
    }

    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isTextual()) {
            return "a string (\"" + abbreviate(n.textValue()) + "\")";
        }
        if (n.isIntegralNumber()) {
            return "an integer (" + n.asText() + ")";
        }
        if (n.isNumber()) {
            return "a number (" + n.asText() + ")";
        }
        if (n.isBoolean()) {
            return "a boolean (" + n.asText() + ")";
        }
        if (n.isNull()) {
            return "null";
        }
        return "\"" + n.asText() + "\"";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
