package io.kubesim.scenarios.manifest;

import io.kubesim.api.Container;
import io.kubesim.api.ContainerPort;
import io.kubesim.api.ImagePullPolicy;
import io.kubesim.api.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one container: requests defaulted from limits, probes with their defaults, the preStop
 * hook and its duration, ports, the image pull policy (defaulted from the tag when absent), and whether an init container is a sidecar
 * ({@code restartPolicy: Always}, KEP-753).
 */
final class ContainerReader {
    private ContainerReader() {
    }

    static Container read(ObjectContext ctx, String pointer, io.fabric8.kubernetes.api.model.Container c,
                          boolean init, boolean hostNetwork) {
        if (c.getName() == null || c.getName().isEmpty()) {
            throw ctx.error(pointer, "a container needs a name");
        }
        var rr = c.getResources();
        Resources limits = ResourcesReader.read(ctx, pointer + "/resources/limits", rr == null ? null : rr.getLimits());
        Resources explicitRequests = ResourcesReader.read(ctx, pointer + "/resources/requests",
                rr == null ? null : rr.getRequests());
        checkRequestsWithinLimits(ctx, pointer + "/resources/requests", explicitRequests, limits);
        Resources requests = ResourcesReader.defaultRequestsFromLimits(explicitRequests, limits);

        boolean sidecar = false;
        if (c.getRestartPolicy() != null) {
            if (!init || !c.getRestartPolicy().equals("Always")) {
                throw ctx.error(pointer + "/restartPolicy", init
                        ? "an init container's restartPolicy may only be Always, got \"" + c.getRestartPolicy() + "\""
                        : "restartPolicy may only be set on init containers");
            }
            sidecar = true;
        }
        boolean probesAllowed = !init || sidecar;
        if (!probesAllowed && (c.getReadinessProbe() != null || c.getLivenessProbe() != null
                || c.getStartupProbe() != null)) {
            throw ctx.error(pointer, "init containers may not have probes unless restartPolicy is Always");
        }
        return new Container(c.getName(), c.getImage(), requests, limits, ports(ctx, pointer, c, hostNetwork),
                ProbeReader.read(ctx, pointer + "/startupProbe", c.getStartupProbe(), "startup"),
                ProbeReader.read(ctx, pointer + "/readinessProbe", c.getReadinessProbe(), "readiness"),
                ProbeReader.read(ctx, pointer + "/livenessProbe", c.getLivenessProbe(), "liveness"),
                PreStopReader.read(ctx, pointer + "/lifecycle", c.getLifecycle()), sidecar,
                pullPolicy(ctx, pointer + "/imagePullPolicy", c.getImagePullPolicy(), c.getName(), c.getImage()));
    }

    /**
     * {@code imagePullPolicy}: null (absent) means the default for the image (k8s-semantics.md 16.2).
     * {@code Never} works on a real cluster only with the image preloaded on the node: a located
     * warning says where a scenario preloads it.
     */
    private static ImagePullPolicy pullPolicy(ObjectContext ctx, String pointer, String policy, String container,
                                              String image) {
        if (policy == null || policy.isEmpty()) {
            return null;
        }
        ImagePullPolicy p = ImagePullPolicy.parse(policy);
        if (p == null) {
            throw ctx.error(pointer, "unsupported imagePullPolicy \"" + policy + "\": expected Always, IfNotPresent or Never");
        }
        if (p == ImagePullPolicy.NEVER) {
            ctx.warn(pointer, "imagePullPolicy Never: container \"" + container + "\" starts only where " + image
                    + " is already on the node: list it under the node pool's images (cluster.nodePools[].images) "
                    + "if the nodes are built with it; elsewhere it waits in ErrImageNeverPull");
        }
        return p;
    }

    /** Validation of the API server: a request may not exceed its limit. */
    private static void checkRequestsWithinLimits(ObjectContext ctx, String pointer, Resources requests, Resources limits) {
        for (String r : new String[] {Resources.CPU, Resources.MEMORY, Resources.EPHEMERAL_STORAGE}) {
            if (requests.has(r) && limits.has(r) && requests.get(r) > limits.get(r)) {
                throw ctx.error(pointer + "/" + r, "the " + r + " request must be less than or equal to the "
                        + r + " limit (" + ctx.node(pointer.replace("/requests", "/limits") + "/" + r).asText() + ")");
            }
        }
        for (Map.Entry<String, Long> e : requests.extended().entrySet()) {
            if (limits.extended().containsKey(e.getKey()) && !limits.extended().get(e.getKey()).equals(e.getValue())) {
                throw ctx.error(pointer + "/" + e.getKey(), "the " + e.getKey()
                        + " request must equal its limit (extended resources cannot be overcommitted)");
            }
        }
    }

    private static List<ContainerPort> ports(ObjectContext ctx, String pointer,
                                             io.fabric8.kubernetes.api.model.Container c, boolean hostNetwork) {
        List<ContainerPort> out = new ArrayList<>();
        var ports = c.getPorts();
        for (int i = 0; ports != null && i < ports.size(); i++) {
            var p = ports.get(i);
            Integer port = p.getContainerPort();
            if (port == null || port < 1 || port > 65535) {
                throw ctx.error(pointer + "/ports/" + i + "/containerPort", "containerPort must be between 1 and 65535, got "
                        + port);
            }
            int hostPort = p.getHostPort() == null ? 0 : p.getHostPort();
            if (hostNetwork && hostPort == 0) {
                // SetDefaults_PodSpec: with host networking a port is a host port.
                hostPort = port;
            }
            out.add(new ContainerPort(p.getName(), port, hostPort, p.getProtocol(), p.getHostIP()));
        }
        return out;
    }
}
