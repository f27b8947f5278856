package io.kubesim.scenarios.scenario;

import io.kubesim.kubelet.ImageRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code registry}: the manifest round trip (default 300 ms) and the images that fail to
 * pull, each with exactly one of {@code pullError: NotFound | Unauthorized} (every attempt fails)
 * or {@code failureRate} (a fraction of the attempts in (0, 1] fails with a transient 503).
 */
final class RegistryReader {
    private RegistryReader() {
    }

    static ImageRegistry read(ScenarioNode n) {
        if (!n.isPresent()) {
            return ImageRegistry.DEFAULT;
        }
        n.object("Registry");
        long roundTrip = ImageRegistry.DEFAULT_MANIFEST_ROUND_TRIP;
        ScenarioNode rt = n.get("manifestRoundTrip");
        if (rt.isPresent()) {
            roundTrip = rt.duration();
            if (roundTrip < 0) {
                throw rt.error("must not be negative");
            }
        }
        Map<String, ImageRegistry.ImageFault> faults = new LinkedHashMap<>();
        ScenarioNode images = n.get("images");
        if (images.isPresent()) {
            Map<String, String> seen = new LinkedHashMap<>();
            for (Map.Entry<String, ScenarioNode> e : images.entries().entrySet()) {
                String image = e.getKey().trim();
                if (image.isEmpty() || image.contains(" ")) {
                    throw e.getValue().errorAtKey("expected an image reference such as registry.example.com/web:1.2, got \""
                            + e.getKey() + "\"");
                }
                String normalized = io.kubesim.api.ImageReference.normalized(image);
                String before = seen.putIfAbsent(normalized, image);
                if (before != null) {
                    throw e.getValue().errorAtKey("\"" + image + "\" is the same image as \"" + before + "\" ("
                            + normalized + ")");
                }
                faults.put(image, fault(e.getValue()));
            }
        }
        return new ImageRegistry(roundTrip, faults);
    }

    private static ImageRegistry.ImageFault fault(ScenarioNode n) {
        n.object("RegistryImage");
        ScenarioNode error = n.get("pullError");
        ScenarioNode rate = n.get("failureRate");
        if (error.isPresent() == rate.isPresent()) {
            throw n.error("expected exactly one of pullError (NotFound or Unauthorized) and failureRate (a fraction "
                    + "of the pull attempts, e.g. 0.2)");
        }
        if (error.isPresent()) {
            return switch (error.text()) {
                case "NotFound" -> ImageRegistry.ImageFault.always(ImageRegistry.PullError.NOT_FOUND);
                case "Unauthorized" -> ImageRegistry.ImageFault.always(ImageRegistry.PullError.UNAUTHORIZED);
                default -> throw error.error("expected NotFound or Unauthorized, got \"" + error.text() + "\"");
            };
        }
        double r = rate.number();
        if (!(r > 0 && r <= 1)) {
            throw rate.error("expected a fraction of the pull attempts greater than 0 and at most 1, got " + rate.scalarText());
        }
        return ImageRegistry.ImageFault.rate(r);
    }
}
