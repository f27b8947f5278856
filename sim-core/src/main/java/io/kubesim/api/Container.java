package io.kubesim.api;

import java.util.List;

/**
 * A container of a pod spec.
 *
 * @param restartableInit an init container with {@code restartPolicy: Always} (a sidecar)
 * @param startupProbe    null when absent; likewise the other probes and preStop
 */
public record Container(String name, String image, Resources requests, Resources limits,
                        List<ContainerPort> ports, Probe startupProbe, Probe readinessProbe,
                        Probe livenessProbe, LifecycleHandler preStop, boolean restartableInit) {
    public Container {
        ports = List.copyOf(ports);
        requests = requests == null ? Resources.NONE : requests;
        limits = limits == null ? Resources.NONE : limits;
    }

    /** A container with only a name, image and requests; for tests and generated workloads. */
    public static Container of(String name, String image, Resources requests) {
        return new Container(name, image, requests, Resources.NONE, List.of(), null, null, null, null, false);
    }

    /** This container with other requests and limits (what LimitRanger's defaulting produces). */
    public Container withResources(Resources newRequests, Resources newLimits) {
        return new Container(name, image, newRequests, newLimits, ports, startupProbe, readinessProbe, livenessProbe,
                preStop, restartableInit);
    }
}
