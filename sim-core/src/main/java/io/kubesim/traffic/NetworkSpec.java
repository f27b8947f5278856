package io.kubesim.traffic;

import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;

/**
 * The network's timing, as the scenario states it (documented defaults from k8s-semantics.md 5:
 * EndpointSlice update about 0.1–1 s after a pod status change, kube-proxy programming about 1–2 s
 * after that; an ingress controller typically a little slower).
 *
 * @param endpointSliceDelay from a pod change to the EndpointSlice controller's write
 * @param kubeProxyDelay     from an EndpointSlice write to kube-proxy's rules
 * @param ingressDelay       from an EndpointSlice write to the ingress controller's upstreams
 */
public record NetworkSpec(DurationDistribution endpointSliceDelay, DurationDistribution kubeProxyDelay,
                          DurationDistribution ingressDelay) {
    public static final NetworkSpec DEFAULT = new NetworkSpec(
            new DurationDistribution.Uniform(SimTime.millis(100), SimTime.seconds(1)),
            new DurationDistribution.Uniform(SimTime.seconds(1), SimTime.seconds(2)),
            new DurationDistribution.Uniform(SimTime.seconds(1), SimTime.seconds(3)));
}
