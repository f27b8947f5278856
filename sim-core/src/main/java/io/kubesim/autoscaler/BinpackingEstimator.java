package io.kubesim.autoscaler;

import io.kubesim.cluster.Node;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many template nodes a set of pending pods needs, as upstream's BinpackingNodeEstimator:
 * pods sorted by their share of the template's allocatable (cpu + memory) largest first, each
 * put on the first new node it fits, a new node opened when it fits none. Pods that do not fit
 * even an empty template are left out (k8s-semantics.md section 8: the filters run against a
 * template node of the group).
 */
public final class BinpackingEstimator {
    private final TemplateNodeFilter filter;

    public BinpackingEstimator(TemplateNodeFilter filter) {
        this.filter = filter;
    }

    /** The estimate: the node count and which of the pods it places. */
    public record Estimate(int nodes, List<PodInfo> placed) {
    }

    /**
     * Binpacks {@code pods} onto at most {@code maxNodes} copies of {@code template}; pods that
     * would need a node beyond that stay unplaced.
     */
    public Estimate estimate(List<PodInfo> pods, Node template, int maxNodes) {
        return estimate(pods, new NodeInfo(template), maxNodes);
    }

    /**
     * As {@link #estimate(List, Node, int)}, each new node a copy of {@code templateInfo} (the
     * template node with its DaemonSet pods, {@link TemplateNodeInfos}).
     */
    public Estimate estimate(List<PodInfo> pods, NodeInfo templateInfo, int maxNodes) {
        Node template = templateInfo.node();
        long cpu = Math.max(1, template.allocatable().cpuMillis());
        long mem = Math.max(1, template.allocatable().memoryBytes());
        List<PodInfo> sorted = new ArrayList<>(pods);
        // upstream binpacking: largest score first, score = cpu/allocCpu + mem/allocMem; stable on ties
        sorted.sort(Comparator.comparingDouble((PodInfo p) -> (double) p.cpu() / cpu + (double) p.memory() / mem)
                .reversed());
        List<NodeInfo> nodes = new ArrayList<>();
        List<PodInfo> placed = new ArrayList<>();
        for (PodInfo p : sorted) {
            NodeInfo target = null;
            for (NodeInfo n : nodes) {
                if (filter.fits(p, n)) {
                    target = n;
                    break;
                }
            }
            if (target == null && nodes.size() < maxNodes) {
                NodeInfo empty = templateInfo.copy();
                if (filter.fits(p, empty)) {
                    nodes.add(empty);
                    target = empty;
                }
            }
            if (target != null) {
                target.addPod(p);
                placed.add(p);
            }
        }
        return new Estimate(nodes.size(), placed);
    }
}
