package io.kubesim.kubelet;

import io.kubesim.api.Container;
import io.kubesim.api.ImagePullPolicy;
import io.kubesim.api.ImageReference;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventSpamFilter;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's image manager (pkg/kubelet/images/image_manager.go {@code EnsureImageExists},
 * k8s-semantics.md 18): before a container starts, applies its pull policy, holds back pulls
 * inside the pod's back-off for that image, pulls through the node's {@link ImagePuller}, and
 * reports the events upstream reports.
 *
 * <ul>
 *   <li>{@code Never}: present, or waiting {@code ErrImageNeverPull} (checked again at each pod
 *       sync, every 10 s);</li>
 *   <li>{@code IfNotPresent}: present means no registry contact;</li>
 *   <li>{@code Always}: every start asks the registry; an image already on the node costs one
 *       manifest round trip ({@link ImageRegistry#manifestRoundTrip()}), an absent one a full pull.</li>
 * </ul>
 * A failed pull (the scenario's {@link ImageRegistry.ImageFault}) fails after one round trip,
 * leaves the container waiting {@code ErrImagePull}, then {@code ImagePullBackOff} until the
 * back-off of that pod and image ({@link ImagePullBackoff}) has passed. Each failure is also
 * reported as the container-start path does ({@code Failed "Error: <reason>"}). The repeating
 * failure events go through client-go's {@link EventSpamFilter}, as the kubelet's event recorder
 * does.
 */
final class ImageManager {
    /** What became of a request. */
    interface Result {
        /** The image is on the node: create the container. */
        void ready();

        /** The container waits with {@code reason}; the pod worker syncs it again at {@code retryAt}. */
        void waiting(String reason, long retryAt);
    }

    private final NodeAgentContext ctx;
    private final ImagePuller puller;
    /** Back-off by pod UID, then image; lookup only, never iterated. */
    private final Map<String, Map<String, ImagePullBackoff>> backoffs = new HashMap<>();
    private final EventSpamFilter spamFilter = new EventSpamFilter();

    ImageManager(NodeAgentContext ctx, ImagePuller puller) {
        this.ctx = ctx;
        this.puller = puller;
    }

    /**
     * Makes sure {@code container}'s image is on the node for {@code pod}.
     *
     * @param pullTime how long a full pull of the image takes on this node
     */
    void ensureImageExists(Pod pod, Container container, long pullTime, Result result) {
        String image = ImageReference.withDefaultTag(container.image());
        String key = container.image();
        long now = ctx.sim().now();
        boolean present = puller.isPresent(key);
        ImagePullPolicy policy = container.imagePullPolicy();
        if (policy == ImagePullPolicy.NEVER && !present) {
            warnThrottled(pod, "ErrImageNeverPull", "Container image \"" + image
                    + "\" is not present with pull policy of Never");
            warnThrottled(pod, "Failed", "Error: ErrImageNeverPull");
            result.waiting("ErrImageNeverPull", now + ctx.config().backOffInitial());
            return;
        }
        if (present && policy != ImagePullPolicy.ALWAYS) {
            ctx.events().normal(NodeAgentContext.SOURCE, pod, "Pulled",
                    "Container image \"" + image + "\" already present on machine");
            result.ready();
            return;
        }
        ImagePullBackoff backoff = backoffs.computeIfAbsent(pod.metadata().uid(), k -> new HashMap<>())
                .computeIfAbsent(image, k -> new ImagePullBackoff(ctx.config().backOffInitial(),
                        ctx.config().backOffMax()));
        if (backoff.inBackOff(now)) {
            if (spamFilter.allow(NodeAgentContext.SOURCE, pod.reference(), now)) {
                ctx.events().normal(NodeAgentContext.SOURCE, pod, "BackOff", "Back-off pulling image \"" + image + "\"");
            }
            warnThrottled(pod, "Failed", "Error: ImagePullBackOff");
            result.waiting("ImagePullBackOff", backoff.retryAt());
            return;
        }
        ImageRegistry registry = ctx.registry();
        String error = pullError(registry, image);
        long duration = error != null || present ? registry.manifestRoundTrip() : pullTime;
        ctx.events().normal(NodeAgentContext.SOURCE, pod, "Pulling", "Pulling image \"" + image + "\"");
        puller.pull(key, duration, error, (took, waited, err) -> {
            if (err == null) {
                ctx.events().normal(NodeAgentContext.SOURCE, pod, "Pulled", "Successfully pulled image \"" + image
                        + "\" in " + goMillis(took) + " (" + goMillis(waited) + " including waiting)");
                result.ready();
                return;
            }
            long failedAt = ctx.sim().now();
            backoff.failed(failedAt);
            warnThrottled(pod, "Failed", "Failed to pull image \"" + image + "\": " + err);
            warnThrottled(pod, "Failed", "Error: ErrImagePull");
            result.waiting("ErrImagePull", failedAt + ctx.config().podSyncDelay());
        });
    }

    /** The pod left the node: its back-off entries go (the image manager's GC). */
    void forget(Pod pod) {
        backoffs.remove(pod.metadata().uid());
        spamFilter.forget(NodeAgentContext.SOURCE, pod.reference());
    }

    /** The kubelet process is gone: its in-memory back-off entries with it. */
    void machineDown() {
        backoffs.clear();
    }

    /** A duration as the Pulled message prints it: truncated to milliseconds (k8s-semantics.md 18.2). */
    private static String goMillis(long micros) {
        return SimTime.format(micros - micros % SimTime.millis(1));
    }

    /** The error of this pull attempt from the scenario's faults, or null when it succeeds. */
    private String pullError(ImageRegistry registry, String image) {
        ImageRegistry.ImageFault fault = registry.faultOf(image);
        if (fault == null) {
            return null;
        }
        if (fault.error() != null) {
            return fault.error().message(image);
        }
        double draw = ctx.sim().random().stream("image-pulls/" + ImageReference.normalized(image)).nextDouble();
        return draw < fault.failureRate() ? ImageRegistry.PullError.UNAVAILABLE.message(image) : null;
    }

    private void warnThrottled(Pod pod, String reason, String message) {
        if (spamFilter.allow(NodeAgentContext.SOURCE, pod.reference(), ctx.sim().now())) {
            ctx.events().warning(NodeAgentContext.SOURCE, pod, reason, message);
        }
    }
}
