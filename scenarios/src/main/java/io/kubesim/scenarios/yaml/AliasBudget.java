package io.kubesim.scenarios.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.util.Iterator;
import java.util.Map;

/**
 * Bounds alias expansion in one YAML document the way kubectl's YAML library does (go-yaml v2.2.4+,
 * {@code allowedAliasRatio}, the fix for CVE-2019-11253 "billion laughs"): every node decoded
 * counts, and so does every node decoded through an alias; once more than 100 nodes came through
 * aliases and more than 1,000 were decoded in all, the share of aliased nodes may not exceed 99 %
 * (up to 400,000 nodes), falling linearly to 10 % at 4,000,000 nodes. A document over the bound is
 * refused at the alias that crossed it, before its expansion can exhaust memory.
 */
final class AliasBudget {
    private static final long RANGE_LOW = 400_000;
    private static final long RANGE_HIGH = 4_000_000;
    private static final JsonNodeFactory NODES = new JsonNodeFactory(true);

    private long decoded;
    private long aliased;

    /** Counts {@code n} nodes read as written (a mapping key counts as a node, as in go-yaml). */
    void decoded(int n) {
        decoded += n;
    }

    /** A deep copy of an anchored node for an alias written at {@code at}, counting every copied node. */
    JsonNode copy(JsonNode node, Location at) {
        aliased(at);
        if (node.isObject()) {
            ObjectNode o = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                aliased(at);
                o.set(e.getKey(), copy(e.getValue(), at));
            }
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = NODES.arrayNode(node.size());
            for (JsonNode item : node) {
                a.add(copy(item, at));
            }
            return a;
        }
        return node; // scalars are immutable
    }

    private void aliased(Location at) {
        decoded++;
        aliased++;
        if (aliased > 100 && decoded > 1000 && (double) aliased / decoded > allowedRatio(decoded)) {
            throw new InputException(at, "document contains excessive aliasing: " + aliased + " of its first "
                    + decoded + " nodes come from aliases (kubectl refuses such a document too: it is how a "
                    + "\"billion laughs\" document blows up)");
        }
    }

    /** go-yaml's {@code allowedAliasRatio}. */
    static double allowedRatio(long decodeCount) {
        if (decodeCount <= RANGE_LOW) {
            return 0.99;
        }
        if (decodeCount >= RANGE_HIGH) {
            return 0.10;
        }
        return 0.99 - 0.89 * ((double) (decodeCount - RANGE_LOW) / (RANGE_HIGH - RANGE_LOW));
    }
}
