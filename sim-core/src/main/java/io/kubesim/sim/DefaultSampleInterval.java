package io.kubesim.sim;

import io.kubesim.api.Manifest;
import io.kubesim.engine.SimTime;
import java.util.List;

/**
 * The sample interval of a scenario that sets none: one second, or, for a cluster whose time series
 * would not fit {@link #POINT_BUDGET} points at one second over the scenario's duration, the
 * shortest step of {@link #STEPS} (1 s to 1 h; beyond, hours doubled) that does. A 5,000-node cluster has about 35,000 node series alone;
 * sampled every second for a day that is three billion points, which no heap holds and no chart
 * shows. The estimate counts the series kubesim records: per node, per workload (and its Deployment
 * series), per Service and per HorizontalPodAutoscaler.
 */
public final class DefaultSampleInterval {
    /** What a scenario gets when it sets no {@code sampleInterval} and its series fit the budget. */
    public static final long SMALL_CLUSTER = SimTime.seconds(1);
    /**
     * Points (series × samples) the default interval keeps the time series under: 80 MB of heap at
     * 16 bytes a point, about 275 MB of timeseries.csv.
     */
    public static final long POINT_BUDGET = 5_000_000;
    /** The steps tried, shortest first. */
    static final long[] STEPS = {SimTime.seconds(1), SimTime.seconds(2), SimTime.seconds(5), SimTime.seconds(10),
            SimTime.seconds(15), SimTime.seconds(30), SimTime.minutes(1), SimTime.minutes(2), SimTime.minutes(5),
            SimTime.minutes(10), SimTime.minutes(15), SimTime.minutes(30), SimTime.minutes(60)};

    static final int SERIES_PER_NODE = 7;
    static final int SERIES_PER_WORKLOAD = 7;
    static final int SERIES_PER_DEPLOYMENT = 6;
    static final int SERIES_PER_SERVICE = 8;
    static final int SERIES_PER_HPA = 4;
    static final int CLUSTER_SERIES = 4;

    private DefaultSampleInterval() {
    }

    /** The default interval for a run of {@code duration} over these node pools and manifests. */
    public static long of(long duration, List<NodePool> pools, List<Manifest> manifests) {
        long series = series(pools, manifests);
        for (long step : STEPS) {
            if (fits(series, duration, step)) {
                return step;
            }
        }
        long step = STEPS[STEPS.length - 1];
        while (!fits(series, duration, step) && step < duration && step <= Long.MAX_VALUE / 2) {
            step *= 2; // weeks of a large cluster: whole hours, doubled until they fit
        }
        return step;
    }

    private static boolean fits(long series, long duration, long step) {
        return duration / step + 1 <= POINT_BUDGET / Math.max(1, series); // no product that could overflow
    }

    /** The default interval for the spec's duration, nodes and manifests. */
    public static long of(SimulationSpec spec) {
        return of(spec.duration(), spec.nodePools(), spec.manifests());
    }

    /** How many time series a run of these nodes and manifests records, about. */
    public static long series(List<NodePool> pools, List<Manifest> manifests) {
        long series = CLUSTER_SERIES;
        for (NodePool p : pools) {
            series += (long) SERIES_PER_NODE * p.count();
        }
        for (Manifest m : manifests) {
            if (m instanceof Manifest.DeploymentManifest) {
                series += SERIES_PER_WORKLOAD + SERIES_PER_DEPLOYMENT;
            } else if (m instanceof Manifest.StatefulSetManifest || m instanceof Manifest.DaemonSetManifest
                    || m instanceof Manifest.ReplicaSetManifest || m instanceof Manifest.RolloutManifest
                    || m instanceof Manifest.JobManifest || m instanceof Manifest.CronJobManifest
                    || m instanceof Manifest.PodManifest) {
                series += SERIES_PER_WORKLOAD;
            } else if (m instanceof Manifest.ServiceManifest) {
                series += SERIES_PER_SERVICE;
            } else if (m instanceof Manifest.HorizontalPodAutoscalerManifest) {
                series += SERIES_PER_HPA;
            }
        }
        return series;
    }
}
