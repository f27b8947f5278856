package io.kubesim.scheduler.plugins;

import io.kubesim.scheduler.framework.ClusterSnapshot;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreScorePlugin;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.List;
import java.util.Map;

/**
 * Prefers nodes that already hold the pod's images, weighted by how widely each image is spread
 * (k8s-semantics.md 3.5, upstream imagelocality):
 * <pre>
 *   sum   = sum over init and app containers whose image the node has of
 *           int(size * nodesHavingImage / totalNodes)
 *   sum   = clamp(sum, 23 MiB, 1000 MiB * containers)
 *   score = 100 * (sum - 23 MiB) / (1000 MiB * containers - 23 MiB)     (integer)
 * </pre>
 * Nodes do not report image sizes in kubesim: sizes come from {@code SchedulerConfig.imageSizes}
 * and an image of unknown size contributes 0. When no image of the pod has a known size and is
 * present on some node, every node would score 0, so kubesim skips the plugin (upstream computes
 * the zeros; totals and placements are the same).
 */
public final class ImageLocality implements PreScorePlugin, ScorePlugin {
    public static final String NAME = "ImageLocality";
    /** upstream minThreshold: 23 MiB. */
    public static final long MIN_THRESHOLD = 23L * 1024 * 1024;
    /** upstream maxContainerThreshold: 1000 MiB per container. */
    public static final long MAX_CONTAINER_THRESHOLD = 1000L * 1024 * 1024;

    private final ClusterSnapshot snapshot;
    private final Map<String, Long> imageSizes;

    /** {@code imageSizes} maps normalized image names to bytes. */
    public ImageLocality(ClusterSnapshot snapshot, Map<String, Long> imageSizes) {
        this.snapshot = snapshot;
        this.imageSizes = imageSizes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        for (String image : pod.images()) {
            if (imageSizes.getOrDefault(image, 0L) > 0 && snapshot.nodesWithImage(image) > 0) {
                return Status.SUCCESS;
            }
        }
        return Status.SKIP;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        List<String> images = pod.images();
        int totalNodes = snapshot.nodeInfos().size();
        long sum = 0;
        for (int i = 0; i < images.size(); i++) {
            String image = images.get(i);
            if (node.hasImage(image)) {
                long size = imageSizes.getOrDefault(image, 0L);
                double spread = (double) snapshot.nodesWithImage(image) / totalNodes;
                sum += (long) (size * spread);
            }
        }
        return calculatePriority(sum, images.size());
    }

    /** upstream calculatePriority: clamp and scale to 0..100. */
    static long calculatePriority(long sum, int containers) {
        long max = MAX_CONTAINER_THRESHOLD * containers;
        if (max <= MIN_THRESHOLD) {
            return 0;
        }
        long s = Math.max(MIN_THRESHOLD, Math.min(max, sum));
        return MAX_NODE_SCORE * (s - MIN_THRESHOLD) / (max - MIN_THRESHOLD);
    }
}
