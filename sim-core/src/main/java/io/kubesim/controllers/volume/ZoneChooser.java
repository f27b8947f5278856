package io.kubesim.controllers.volume;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The zone of a volume provisioned without a chosen node (Immediate binding), as upstream's
 * {@code ChooseZoneForVolume} picks it: the sorted zones indexed by an FNV-1 32-bit hash of the
 * claim name, so the choice depends on the name only. A StatefulSet-style name
 * {@code <claim>-<set>-<ordinal>} hashes only {@code <set>} and adds the ordinal, so the members of
 * a set go round-robin over the zones (k8s-semantics.md 14.2: Immediate binding picks a zone
 * without knowing where the pod will run).
 */
public final class ZoneChooser {
    private ZoneChooser() {
    }

    /** The zone for {@code claimName} among {@code sortedZones} (not empty). */
    public static String choose(List<String> sortedZones, String claimName) {
        String hashed = claimName;
        long index = 0;
        int lastDash = claimName.lastIndexOf('-');
        if (lastDash != -1) {
            String id = claimName.substring(lastDash + 1);
            if (!id.isEmpty() && id.length() <= 10 && id.chars().allMatch(Character::isDigit)
                    && Long.parseLong(id) <= 0xFFFF_FFFFL) {
                index = Long.parseLong(id);
                hashed = claimName.substring(0, lastDash);
                int dash = hashed.lastIndexOf('-');
                if (dash != -1) {
                    hashed = hashed.substring(dash + 1);
                }
            }
        }
        long hash = fnv1(hashed);
        return sortedZones.get((int) (((hash + index) & 0xFFFF_FFFFL) % sortedZones.size()));
    }

    /** FNV-1 (not 1a), 32 bits, as Go's {@code hash/fnv.New32}. */
    static long fnv1(String s) {
        long h = 0x811C9DC5L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h * 0x01000193L) & 0xFFFF_FFFFL;
            h ^= b & 0xFF;
        }
        return h;
    }
}
