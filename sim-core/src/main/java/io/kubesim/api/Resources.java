package io.kubesim.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An amount of compute resources: cpu in millicores, memory and ephemeral storage in bytes, and
 * extended resources (e.g. {@code nvidia.com/gpu}) by name in their integer units.
 *
 * <p>A field is {@code 0} both when the amount is zero and when it was not set; {@link #has}
 * tells the two apart where Kubernetes does (QoS class, scoring defaults).
 */
public record Resources(long cpuMillis, long memoryBytes, long ephemeralStorageBytes,
                        Map<String, Long> extended, int setMask) {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    public static final String PODS = "pods";

    private static final int CPU_BIT = 1;
    private static final int MEMORY_BIT = 2;
    private static final int EPHEMERAL_BIT = 4;

    public static final Resources NONE = new Resources(0, 0, 0, Map.of(), 0);

    public Resources {
        extended = Collections2.sortedCopy(extended);
    }

    public static Resources of(long cpuMillis, long memoryBytes) {
        return new Resources(cpuMillis, memoryBytes, 0, Map.of(), CPU_BIT | MEMORY_BIT);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when the named resource was set (even to zero). */
    public boolean has(String resource) {
        return switch (resource) {
            case CPU -> (setMask & CPU_BIT) != 0;
            case MEMORY -> (setMask & MEMORY_BIT) != 0;
            case EPHEMERAL_STORAGE -> (setMask & EPHEMERAL_BIT) != 0;
            default -> extended.containsKey(resource);
        };
    }

    public boolean isEmpty() {
        return setMask == 0 && extended.isEmpty();
    }

    /** The amount of the named resource, 0 when unset. */
    public long get(String resource) {
        return switch (resource) {
            case CPU -> cpuMillis;
            case MEMORY -> memoryBytes;
            case EPHEMERAL_STORAGE -> ephemeralStorageBytes;
            default -> extended.getOrDefault(resource, 0L);
        };
    }

    /** The element-wise sum; a resource is set in the result if set in either side. */
    public Resources plus(Resources o) {
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        Map<String, Long> ext = new TreeMap<>(extended);
        o.extended.forEach((k, v) -> ext.merge(k, v, Long::sum));
        return new Resources(cpuMillis + o.cpuMillis, memoryBytes + o.memoryBytes,
                ephemeralStorageBytes + o.ephemeralStorageBytes, ext, setMask | o.setMask);
    }

    /** The element-wise maximum, as used for init-container peaks. */
    public Resources max(Resources o) {
        Map<String, Long> ext = new TreeMap<>(extended);
        o.extended.forEach((k, v) -> ext.merge(k, v, Math::max));
        return new Resources(Math.max(cpuMillis, o.cpuMillis), Math.max(memoryBytes, o.memoryBytes),
                Math.max(ephemeralStorageBytes, o.ephemeralStorageBytes), ext, setMask | o.setMask);
    }

    /** The names of the resources that are set, sorted. */
    public java.util.SortedSet<String> names() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(extended.keySet());
        for (String r : new String[] {CPU, MEMORY, EPHEMERAL_STORAGE}) {
            if (has(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Builds a {@link Resources} from named amounts. */
    public static final class Builder {
        private long cpu;
        private long memory;
        private long ephemeral;
        private int mask;
        private final Map<String, Long> extended = new TreeMap<>();

        public Builder cpuMillis(long v) {
            cpu = v;
            mask |= CPU_BIT;
            return this;
        }

        public Builder memoryBytes(long v) {
            memory = v;
            mask |= MEMORY_BIT;
            return this;
        }

        public Builder ephemeralStorageBytes(long v) {
            ephemeral = v;
            mask |= EPHEMERAL_BIT;
            return this;
        }

        /** Sets any resource by its Kubernetes name; cpu in millicores, others in base units. */
        public Builder set(String name, long amount) {
            switch (name) {
                case CPU -> cpuMillis(amount);
                case MEMORY -> memoryBytes(amount);
                case EPHEMERAL_STORAGE -> ephemeralStorageBytes(amount);
                default -> extended.put(name, amount);
            }
            return this;
        }

        public Resources build() {
            if (mask == 0 && extended.isEmpty()) {
                return NONE;
            }
            return new Resources(cpu, memory, ephemeral, extended, mask);
        }
    }
}
