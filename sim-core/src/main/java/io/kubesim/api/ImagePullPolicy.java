package io.kubesim.api;

/**
 * A container's {@code imagePullPolicy}, with the API server's default (SetDefaults_Container,
 * k8s-semantics.md 16.2): {@code Always} when the tag is {@code latest} or there is no tag (the
 * reference parser fills in {@code latest}), {@code IfNotPresent} otherwise, including an image
 * named by digest only.
 */
public enum ImagePullPolicy {
    ALWAYS("Always"), IF_NOT_PRESENT("IfNotPresent"), NEVER("Never");

    private final String wireName;

    ImagePullPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The name as written in a manifest. */
    public String wireName() {
        return wireName;
    }

    /** The policy named {@code name} as in a manifest, or null for any other text. */
    public static ImagePullPolicy parse(String name) {
        for (ImagePullPolicy p : values()) {
            if (p.wireName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The default for {@code image} when the manifest sets no policy. */
    public static ImagePullPolicy defaultFor(String image) {
        String tag = ImageReference.tagOf(image);
        if (tag.isEmpty()) {
            return ImageReference.digestOf(image).isEmpty() ? ALWAYS : IF_NOT_PRESENT;
        }
        return tag.equals("latest") ? ALWAYS : IF_NOT_PRESENT;
    }
}
