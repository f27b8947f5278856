package io.kubesim.controllers.hpa;

import io.kubesim.engine.SimTime;

/**
 * The HPA controller's kube-controller-manager flags (k8s-semantics.md 1.1) and metrics-server's
 * {@code --metric-resolution}. Durations in microseconds.
 *
 * @param metricResolution how often metrics-server scrapes the kubelets; also each sample's window.
 *                         The binary's default is 60 s, but the released components.yaml and Helm
 *                         chart both set 15 s, which is what clusters run, so 15 s is kubesim's default.
 */
public record HpaConfig(long syncPeriod, double tolerance, long downscaleStabilization,
                        long cpuInitializationPeriod, long initialReadinessDelay, long metricResolution) {
    public static final HpaConfig DEFAULTS = new HpaConfig(SimTime.seconds(15), 0.1, SimTime.minutes(5),
            SimTime.minutes(5), SimTime.seconds(30), SimTime.seconds(15));
}
