package io.kubesim.scheduler;

import io.kubesim.cluster.Node;
import io.kubesim.scheduler.framework.NodeInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the scheduler walks nodes (upstream internal/cache nodeTree): nodes grouped
 * by zone (region and zone labels), zones in the order first seen, and the list interleaves the
 * zones round-robin so that a partial walk ({@code numFeasibleNodesToFind}) samples every zone.
 */
final class NodeTree {
    private final Map<String, List<NodeInfo>> zones = new LinkedHashMap<>();
    private List<NodeInfo> list = List.of();
    private boolean dirty;

    static String zoneKey(Node node) {
        return node.labels().getOrDefault(Node.LABEL_REGION, "") + ":\u0000:" + node.zone();
    }

    void add(NodeInfo ni) {
        zones.computeIfAbsent(zoneKey(ni.node()), z -> new ArrayList<>()).add(ni);
        dirty = true;
    }

    void remove(NodeInfo ni, String zoneKey) {
        List<NodeInfo> z = zones.get(zoneKey);
        if (z != null && z.remove(ni)) {
            if (z.isEmpty()) {
                zones.remove(zoneKey);
            }
            dirty = true;
        }
    }

    /** The zone-interleaved list, rebuilt only after a change. */
    List<NodeInfo> list() {
        if (dirty) {
            List<NodeInfo> out = new ArrayList<>();
            List<List<NodeInfo>> zs = new ArrayList<>(zones.values());
            for (int i = 0; ; i++) {
                boolean any = false;
                for (List<NodeInfo> z : zs) {
                    if (i < z.size()) {
                        out.add(z.get(i));
                        any = true;
                    }
                }
                if (!any) {
                    break;
                }
            }
            list = java.util.Collections.unmodifiableList(out);
            dirty = false;
        }
        return list;
    }
}
