package io.kubesim.api;

import java.util.List;

/**
 * A container of a pod spec.
 *
 * @param restartableInit an init container with {@code restartPolicy: Always} (a sidecar)
 * @param startupProbe    null when absent; likewise the other probes and preStop
 * @param imagePullPolicy null means the API default for the image ({@link ImagePullPolicy#defaultFor})
 */
public record Container(String name, String image, Resources requests, Resources limits,
                        List<ContainerPort> ports, Probe startupProbe, Probe readinessProbe,
                        Probe livenessProbe, LifecycleHandler preStop, boolean restartableInit,
                        ImagePullPolicy imagePullPolicy) {
    public Container {
        ports = List.copyOf(ports);
        requests = requests == null ? Resources.NONE : requests;
        limits = limits == null ? Resources.NONE : limits;
        imagePullPolicy = imagePullPolicy == null ? ImagePullPolicy.defaultFor(image == null ? "" : image)
                : imagePullPolicy;
    }

    /** A container whose pull policy is the API default for its image. */
    public Container(String name, String image, Resources requests, Resources limits,
                     List<ContainerPort> ports, Probe startupProbe, Probe readinessProbe,
                     Probe livenessProbe, LifecycleHandler preStop, boolean restartableInit) {
        this(name, image, requests, limits, ports, startupProbe, readinessProbe, livenessProbe, preStop,
                restartableInit, null);
    }

    /**
     * The record's print, without {@code imagePullPolicy} when it is the image's default. The
     * Deployment controller's pod-template-hash is computed over this print, so the
     * ReplicaSet names of templates written before the field existed do not change.
     */
    @Override
    public String toString() {
        return "Container[name=" + name + ", image=" + image + ", requests=" + requests + ", limits=" + limits
                + ", ports=" + ports + ", startupProbe=" + startupProbe + ", readinessProbe=" + readinessProbe
                + ", livenessProbe=" + livenessProbe + ", preStop=" + preStop + ", restartableInit=" + restartableInit
                + (imagePullPolicy == ImagePullPolicy.defaultFor(image == null ? "" : image) ? ""
                : ", imagePullPolicy=" + imagePullPolicy) + "]";
    }

    /**
     * The same container with another image, its pull policy kept: as {@code kubectl set image}
     * on a stored object, whose policy was defaulted when it was created.
     */
    public Container withImage(String newImage) {
        return new Container(name, newImage, requests, limits, ports, startupProbe, readinessProbe, livenessProbe,
                preStop, restartableInit, imagePullPolicy);
    }

    /** A container with only a name, image and requests; for tests and generated workloads. */
    public static Container of(String name, String image, Resources requests) {
        return new Container(name, image, requests, Resources.NONE, List.of(), null, null, null, null, false);
    }

    /** This container with other requests and limits (what LimitRanger's defaulting produces). */
    public Container withResources(Resources newRequests, Resources newLimits) {
        return new Container(name, image, newRequests, newLimits, ports, startupProbe, readinessProbe, livenessProbe,
                preStop, restartableInit, imagePullPolicy);
    }
}
