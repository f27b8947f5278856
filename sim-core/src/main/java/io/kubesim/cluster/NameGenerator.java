package io.kubesim.cluster;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Generated names, as the API server's {@code generateName} and client-go's
 * {@code rand.SafeEncodeString} make them: a suffix drawn from the 27 characters
 * {@code bcdfghjklmnpqrstvwxz2456789}, which cannot spell words.
 */
public final class NameGenerator {
    static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final RandomGenerator rng;

    public NameGenerator(RandomGenerator rng) {
        this.rng = rng;
    }

    /** {@code prefix} followed by five random characters, like generateName does for pods. */
    public String generate(String prefix) {
        StringBuilder sb = new StringBuilder(prefix.length() + 5).append(prefix);
        for (int i = 0; i < 5; i++) {
            sb.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Maps each character of {@code s} into the safe alphabet (rand.SafeEncodeString). */
    public static String safeEncode(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(ALPHABET.charAt(s.charAt(i) % ALPHABET.length()));
        }
        return sb.toString();
    }
}
