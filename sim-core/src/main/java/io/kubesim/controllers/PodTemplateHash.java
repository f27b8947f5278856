package io.kubesim.controllers;

import io.kubesim.api.PodTemplate;
import io.kubesim.cluster.NameGenerator;
import java.nio.charset.StandardCharsets;

/**
 * The pod-template-hash a Deployment's (and an Argo Rollout's) ReplicaSets are named and labelled
 * with (controller_utils.go ComputeHash): FNV-32a over a canonical print of the template and the
 * collision count, rendered with SafeEncodeString. The print differs from upstream's, so values
 * differ from a real cluster's; what matters is that they are stable.
 */
public final class PodTemplateHash {
    private PodTemplateHash() {
    }

    public static String of(PodTemplate t, int collisionCount) {
        int h = 0x811c9dc5;
        byte[] bytes = t.toString().getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            h ^= (b & 0xff);
            h *= 0x01000193;
        }
        if (collisionCount > 0) {
            for (int i = 0; i < 4; i++) {
                h ^= (collisionCount >>> (8 * i)) & 0xff;
                h *= 0x01000193;
            }
        }
        return NameGenerator.safeEncode(Integer.toUnsignedString(h));
    }
}
