package io.kubesim.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.Node;
import io.kubesim.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node's labels as the topology plugins read them: the zone and hostname keys, passed as the
 * {@link Node} constants, come from fields kept with the labels; any other spelling of the same
 * key, and every other key, from the map. Both follow the node when its labels are replaced.
 */
class NodeInfoLabelsTest {
    /** The same key as the constant, but another String object. */
    private static String copy(String key) {
        return new String(key.toCharArray());
    }

    @Test
    @DisplayName("the zone and hostname read the same through the constants and through equal strings")
    void constantsAndCopiesAgree() {
        Node node = Fixtures.node("n1").label(Node.LABEL_ZONE, "zone-a").label("pool", "blue").build();
        NodeInfo ni = new NodeInfo(node);
        assertEquals("zone-a", ni.label(Node.LABEL_ZONE));
        assertEquals("zone-a", ni.label(copy(Node.LABEL_ZONE)));
        assertEquals("n1", ni.label(Node.LABEL_HOSTNAME));
        assertEquals("n1", ni.label(copy(Node.LABEL_HOSTNAME)));
        assertEquals("blue", ni.label("pool"));
        assertTrue(ni.hasLabel(Node.LABEL_ZONE));
        assertTrue(ni.hasLabel(copy(Node.LABEL_ZONE)));
        assertFalse(ni.hasLabel("missing"));
    }

    @Test
    @DisplayName("a relabelled node is read with its new labels, a removed zone as missing")
    void relabelled() {
        Node node = Fixtures.node("n1").label(Node.LABEL_ZONE, "zone-a").build();
        NodeInfo ni = new NodeInfo(node);
        assertEquals("zone-a", ni.label(Node.LABEL_ZONE));
        node.metadata().setLabels(Map.of(Node.LABEL_ZONE, "zone-b", Node.LABEL_HOSTNAME, "n1"));
        assertEquals("zone-b", ni.label(Node.LABEL_ZONE));
        node.metadata().setLabels(Map.of(Node.LABEL_HOSTNAME, "renamed"));
        assertNull(ni.label(Node.LABEL_ZONE));
        assertFalse(ni.hasLabel(Node.LABEL_ZONE));
        assertEquals("renamed", ni.label(Node.LABEL_HOSTNAME));
    }
}
