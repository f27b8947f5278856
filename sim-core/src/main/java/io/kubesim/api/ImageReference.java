package io.kubesim.api;

/**
 * The parts of an image reference as the kubelet and the container runtime read them
 * ({@code [domain/]path[:tag][@digest]}, docker/distribution's reference grammar). A first path
 * component is a registry domain when it holds a dot or a colon or is {@code localhost}; without
 * one the image is on Docker Hub ({@code docker.io}), and a one-component path there is under
 * {@code library/}.
 */
public final class ImageReference {
    private static final String DOCKER_HUB = "docker.io";

    private ImageReference() {
    }

    /** The tag, or "" when the reference has none. */
    public static String tagOf(String image) {
        String name = withoutDigest(image);
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(colon + 1) : "";
    }

    /** The digest ({@code sha256:...}), or "" when the reference has none. */
    public static String digestOf(String image) {
        int at = image.indexOf('@');
        return at < 0 ? "" : image.substring(at + 1);
    }

    /**
     * The reference with {@code :latest} added when it has neither tag nor digest, as the
     * kubelet's applyDefaultImageTag does before it pulls and words its events.
     */
    public static String withDefaultTag(String image) {
        return tagOf(image).isEmpty() && digestOf(image).isEmpty() ? image + ":latest" : image;
    }

    /** The fully qualified name the runtime pulls: {@code nginx:1.27} is {@code docker.io/library/nginx:1.27}. */
    public static String normalized(String image) {
        String ref = withDefaultTag(image);
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            return ref;
        }
        return DOCKER_HUB + "/" + (slash < 0 ? "library/" : "") + ref;
    }

    /** The registry host of the normalized reference ({@code registry-1.docker.io} for Docker Hub). */
    public static String registryHost(String image) {
        String n = normalized(image);
        String domain = n.substring(0, n.indexOf('/'));
        return domain.equals(DOCKER_HUB) ? "registry-1.docker.io" : domain;
    }

    /** The repository path inside its registry: {@code library/nginx} for {@code nginx:1.27}. */
    public static String repository(String image) {
        String n = withoutDigest(normalized(image));
        String path = n.substring(n.indexOf('/') + 1);
        int slash = path.lastIndexOf('/');
        int colon = path.lastIndexOf(':');
        return colon > slash ? path.substring(0, colon) : path;
    }

    /** What a manifest request names: the digest when there is one, else the tag. */
    public static String manifestReference(String image) {
        String digest = digestOf(image);
        return digest.isEmpty() ? tagOf(withDefaultTag(image)) : digest;
    }

    private static String withoutDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }
}
