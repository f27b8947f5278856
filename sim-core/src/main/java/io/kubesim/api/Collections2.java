package io.kubesim.api;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable, key-sorted copies. {@code Map.copyOf} and {@code Set.copyOf} iterate in an order
 * salted per JVM run, which would break byte-identical outputs; these never do.
 */
public final class Collections2 {
    private Collections2() {
    }

    public static <V> Map<String, V> sortedCopy(Map<String, V> m) {
        if (m == null || m.isEmpty()) {
            return Collections.emptySortedMap();
        }
        if (m instanceof SortedMap<?, ?> && isUnmodifiable(m)) {
            return m;
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    public static Set<String> sortedCopy(Set<String> s) {
        if (s == null || s.isEmpty()) {
            return Collections.emptySortedSet();
        }
        SortedSet<String> t = new TreeSet<>(s);
        return Collections.unmodifiableSortedSet(t);
    }

    private static boolean isUnmodifiable(Map<?, ?> m) {
        return m.getClass().getName().startsWith("java.util.Collections$Unmodifiable")
                || m.getClass().getName().startsWith("java.util.Collections$Empty");
    }
}
