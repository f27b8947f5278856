package io.kubesim.controllers.statefulset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A StatefulSet pod's ordinal read back from its name (k8s-semantics.md 11.2, getParentNameAndOrdinal). */
class StatefulPodIdentityTest {
    private static final Pattern ORDINAL = Pattern.compile("(.*)-([0-9]+)$");

    /** The reference: upstream's getParentNameAndOrdinal with its pattern. */
    private static int ordinalByPattern(String setName, String podName) {
        Matcher m = ORDINAL.matcher(podName);
        if (!m.matches() || !m.group(1).equals(setName) || m.group(2).length() > 9) {
            return -1;
        }
        return Integer.parseInt(m.group(2));
    }

    @ParameterizedTest(name = "{0} of set {1}: {2}")
    @CsvSource({
        "web-0, web, 0",
        "web-12, web, 12",
        "web-007, web, 7",
        "web-123456789, web, 123456789",
        "web-1234567890, web, -1",
        "web-, web, -1",
        "web, web, -1",
        "web-a, web, -1",
        "web-1a, web, -1",
        "other-1, web, -1",
        "web-x-1, web, -1",
        "web-x-1, web-x, 1",
        "web--1, web-, 1",
        "web-\u0661, web, -1",
    })
    @DisplayName("11.2: the name up to its last '-' must be the set's, the rest one to nine ASCII digits")
    void ordinals(String pod, String set, int expected) {
        assertEquals(expected, StatefulPodIdentity.ordinal(set, pod));
        assertEquals(expected, ordinalByPattern(set, pod), "upstream's (.*)-([0-9]+)$");
    }

    @Test
    @DisplayName("11.2: on 20,000 random names the parse reads what upstream's pattern reads")
    void sameAsThePattern() {
        Random r = new Random(1);
        int parsed = 0;
        String alphabet = "web-0123456789012345678901234567890123456789x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder(r.nextBoolean() ? "web-" : "");
            int length = r.nextInt(14);
            for (int c = 0; c < length; c++) {
                name.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String set = r.nextBoolean() ? "web" : name.length() > 2 ? name.substring(0, r.nextInt(name.length())) : "w";
            int expected = ordinalByPattern(set, name.toString());
            assertEquals(expected, StatefulPodIdentity.ordinal(set, name.toString()), name + " of " + set);
            parsed += expected >= 0 ? 1 : 0;
        }
        assertTrue(parsed > 500, "names that parse " + parsed);
    }
}
