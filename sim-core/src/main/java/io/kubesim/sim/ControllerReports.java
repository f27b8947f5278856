package io.kubesim.sim;

import io.kubesim.autoscaler.ClusterAutoscaler;
import io.kubesim.controllers.NodeLifecycleController;
import io.kubesim.controllers.hpa.HpaStats;
import io.kubesim.controllers.job.BatchStats;
import io.kubesim.controllers.volume.VolumeStats;
import java.util.List;

/**
 * The result sections the controllers write at the end of a run, each by the controller that
 * owns it; a section whose controller did not run keeps its empty value.
 */
public final class ControllerReports {
    private NodeLifecycleController nodeLifecycle;
    private ClusterAutoscaler.Stats clusterAutoscaler;
    private List<HpaStats> hpas = List.of();
    private List<SimulationResult.QuotaUsage> quotas = List.of();
    private BatchStats batch = BatchStats.NONE;
    private VolumeStats volumes;

    /** The node-lifecycle controller, whose NotReady and taint times the node failures report. */
    public void nodeLifecycle(NodeLifecycleController controller) {
        this.nodeLifecycle = controller;
    }

    public void clusterAutoscaler(ClusterAutoscaler.Stats stats) {
        this.clusterAutoscaler = stats;
    }

    public void hpas(List<HpaStats> stats) {
        this.hpas = List.copyOf(stats);
    }

    public void quotas(List<SimulationResult.QuotaUsage> usage) {
        this.quotas = List.copyOf(usage);
    }

    public void batch(BatchStats stats) {
        this.batch = stats;
    }

    /** The Jobs and CronJobs; {@link BatchStats#NONE} when the manifests have neither. */
    public BatchStats batch() {
        return batch;
    }

    public void volumes(VolumeStats stats) {
        this.volumes = stats;
    }

    /** Claims, volumes and pods waiting for them; null when the manifests use no storage. */
    public VolumeStats volumes() {
        return volumes;
    }

    /** The node-lifecycle controller; null when it did not run. */
    public NodeLifecycleController nodeLifecycle() {
        return nodeLifecycle;
    }

    /** What the cluster autoscaler did; null when the scenario has none. */
    public ClusterAutoscaler.Stats clusterAutoscaler() {
        return clusterAutoscaler;
    }

    public List<HpaStats> hpas() {
        return hpas;
    }

    public List<SimulationResult.QuotaUsage> quotas() {
        return quotas;
    }
}
