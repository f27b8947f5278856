package io.kubesim.controllers;

import io.kubesim.engine.SimTime;

/**
 * kube-controller-manager's node-lifecycle settings (k8s-semantics.md 7;
 * pkg/controller/nodelifecycle/config/v1alpha1/defaults.go). The kubelet's Lease renewal (4.6) is
 * {@code KubeletConfig.leaseRenewInterval}. Durations are virtual microseconds. Section 10 lists
 * the grace period, the eviction
 * rates and the thresholds as not fully confirmed, hence configurable.
 *
 * @param nodeMonitorPeriod          how often the controller checks every node's heartbeat: 5 s
 * @param nodeMonitorGracePeriod     heartbeats missed this long make a node Unknown: 50 s
 *                                   (current releases; 40 s up to 1.31, k8s-semantics.md 7 and 10)
 * @param nodeStartupGracePeriod     the same for a node that never reported: 60 s
 * @param nodeEvictionPeriod         how often the per-zone NoExecute tainting queues are worked: 100 ms
 * @param evictionRate               nodes tainted NoExecute per second in a healthy zone: 0.1
 * @param secondaryEvictionRate      the same in a partially disrupted large zone: 0.01
 * @param unhealthyZoneThreshold     share of not-ready nodes (more than 2) that makes a zone
 *                                   PartiallyDisrupted: 0.55
 * @param largeClusterSizeThreshold  a partially disrupted zone of at most this many nodes stops
 *                                   tainting altogether: 50
 */
public record NodeLifecycleConfig(long nodeMonitorPeriod, long nodeMonitorGracePeriod, long nodeStartupGracePeriod,
                                  long nodeEvictionPeriod, double evictionRate,
                                  double secondaryEvictionRate, double unhealthyZoneThreshold,
                                  int largeClusterSizeThreshold) {
    /** node-monitor-grace-period in current releases (from about 1.32). */
    public static final long GRACE_PERIOD_CURRENT = SimTime.seconds(50);
    /** node-monitor-grace-period up to 1.31. */
    public static final long GRACE_PERIOD_UP_TO_1_31 = SimTime.seconds(40);

    public static final NodeLifecycleConfig DEFAULT = new NodeLifecycleConfig(SimTime.seconds(5),
            GRACE_PERIOD_CURRENT, SimTime.seconds(60), SimTime.millis(100), 0.1, 0.01, 0.55, 50);

    public NodeLifecycleConfig {
        if (nodeMonitorPeriod <= 0 || nodeMonitorGracePeriod <= 0 || nodeStartupGracePeriod <= 0
                || nodeEvictionPeriod <= 0) {
            throw new IllegalArgumentException("node-lifecycle periods must be positive");
        }
        if (evictionRate < 0 || secondaryEvictionRate < 0) {
            throw new IllegalArgumentException("eviction rates must not be negative");
        }
    }

    /** The same settings with another node-monitor-grace-period. */
    public NodeLifecycleConfig withNodeMonitorGracePeriod(long grace) {
        return new NodeLifecycleConfig(nodeMonitorPeriod, grace, nodeStartupGracePeriod, nodeEvictionPeriod, evictionRate, secondaryEvictionRate, unhealthyZoneThreshold,
                largeClusterSizeThreshold);
    }
}
