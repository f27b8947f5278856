package io.kubesim.kubelet;

import io.kubesim.api.ImageReference;
import io.kubesim.engine.SimTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The image registries as the scenario describes them: how long a manifest round trip takes
 * (what an {@code Always} pull of an image already on the node costs, and when a failing pull
 * learns that it failed), and the images that fail to pull (k8s-semantics.md 18).
 *
 * @param manifestRoundTrip one registry request: resolve the reference and compare the digest
 * @param faults            failing images by reference as written; looked up by the normalized
 *                          reference, so {@code nginx} and {@code docker.io/library/nginx:latest} are one image
 */
public record ImageRegistry(long manifestRoundTrip, Map<String, ImageFault> faults) {
    /**
     * A manifest HEAD request to a registry in the same cloud region answers in tens of
     * milliseconds; with the token round trip and the runtime's own work, an {@code Always} pull
     * of a cached image takes a few hundred. kubesim takes 300 ms.
     */
    public static final long DEFAULT_MANIFEST_ROUND_TRIP = SimTime.millis(300);

    /** Every image pulls; 300 ms round trips. */
    public static final ImageRegistry DEFAULT = new ImageRegistry(DEFAULT_MANIFEST_ROUND_TRIP, Map.of());

    public ImageRegistry {
        if (manifestRoundTrip < 0) {
            throw new IllegalArgumentException("negative manifest round trip");
        }
        Map<String, ImageFault> byNormalized = new LinkedHashMap<>();
        faults.forEach((image, fault) -> byNormalized.put(ImageReference.normalized(image), fault));
        faults = java.util.Collections.unmodifiableMap(byNormalized);
    }

    /** The fault of this image, or null when it always pulls. */
    public ImageFault faultOf(String image) {
        return faults.get(ImageReference.normalized(image));
    }

    /**
     * How an image fails to pull: always with {@code error}, or, when {@code error} is null, on a
     * fraction {@code failureRate} of the attempts with a transient registry error.
     */
    public record ImageFault(PullError error, double failureRate) {
        public ImageFault {
            if (error == null && !(failureRate > 0 && failureRate <= 1)) {
                throw new IllegalArgumentException("a failure rate must be in (0, 1], got " + failureRate);
            }
        }

        public static ImageFault always(PullError error) {
            return new ImageFault(error, 1);
        }

        public static ImageFault rate(double failureRate) {
            return new ImageFault(null, failureRate);
        }
    }

    /**
     * Why a pull fails, with the error text containerd returns to the kubelet (what ends up after
     * the colon of the {@code Failed to pull image} event).
     */
    public enum PullError {
        /** The tag or repository does not exist: the registry answers 404 to the manifest request. */
        NOT_FOUND,
        /** No or wrong pull credentials: the registry answers 401. */
        UNAUTHORIZED,
        /** A transient registry failure (what a failure rate draws): 503. */
        UNAVAILABLE;

        /** containerd's error for {@code image}, as the CRI returns it. */
        public String message(String image) {
            String ref = ImageReference.normalized(image);
            String prefix = "failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref
                    + "\": ";
            String head = "unexpected status from HEAD request to https://" + ImageReference.registryHost(image) + "/v2/"
                    + ImageReference.repository(image) + "/manifests/" + ImageReference.manifestReference(image) + ": ";
            return switch (this) {
                case NOT_FOUND -> "rpc error: code = NotFound desc = " + prefix + ref + ": not found";
                case UNAUTHORIZED -> "rpc error: code = Unknown desc = " + prefix + head + "401 Unauthorized";
                case UNAVAILABLE -> "rpc error: code = Unknown desc = " + prefix + head + "503 Service Unavailable";
            };
        }
    }
}
