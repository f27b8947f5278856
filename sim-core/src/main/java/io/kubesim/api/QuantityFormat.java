package io.kubesim.api;

/**
 * Prints amounts the way apimachinery's {@code Quantity.String()} prints them in its canonical
 * form: the largest suffix that keeps the number whole ({@code 1500m}, {@code 2}, {@code 3k},
 * {@code 512Mi}, {@code 1Gi}, {@code 2G}).
 *
 * <p>kubesim keeps quantities as numbers, not as the strings the manifest wrote, so it does not
 * know whether a memory amount was written with a binary ({@code Mi}) or decimal ({@code M})
 * suffix. It prints memory in the binary form when that form is exact and no longer than the
 * decimal one: {@code 128Mi} stays {@code 128Mi}, {@code 128M} stays {@code 128M}; a sum of
 * mixed forms may print differently from upstream, which keeps the first operand's format.
 */
public final class QuantityFormat {
    private static final String[] DECIMAL = {"", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private QuantityFormat() {
    }

    /** A decimal amount given in thousandths: {@code 1500 -> 1500m}, {@code 2000 -> 2}, {@code 0 -> 0}. */
    public static String milli(long millis) {
        if (millis % 1000 != 0) {
            return millis + "m";
        }
        return decimal(millis / 1000);
    }

    /** A whole decimal amount: {@code 2000 -> 2k}, {@code 1500 -> 1500}. */
    public static String decimal(long value) {
        if (value == 0) {
            return "0";
        }
        int k = 0;
        long v = value;
        while (k < DECIMAL.length - 1 && v % 1000 == 0) {
            v /= 1000;
            k++;
        }
        return v + DECIMAL[k];
    }

    /** A byte amount: binary suffix when exact and not longer, else decimal (see the class comment). */
    public static String bytes(long value) {
        String dec = decimal(value);
        if (Math.abs(value) < 1024) {
            return dec;
        }
        String bin = binary(value);
        return bin.length() <= dec.length() ? bin : dec;
    }

    /**
     * A byte amount with the largest binary suffix that divides it exactly ({@code 100Mi},
     * {@code 45364Ki}), else plain bytes: how the kubelet prints the amounts it computed itself.
     */
    public static String binary(long value) {
        if (value == 0) {
            return "0";
        }
        int k = 0;
        long v = value;
        while (k < BINARY.length - 1 && v % 1024 == 0) {
            v /= 1024;
            k++;
        }
        return v + BINARY[k];
    }

    /**
     * An amount of a named resource in kubesim's units: cpu (and {@code requests.cpu},
     * {@code limits.cpu}) in millicores, memory, storage and hugepages in bytes, counts and
     * extended resources whole.
     */
    public static String of(String resource, long amount) {
        if (isMilli(resource)) {
            return milli(amount);
        }
        if (isBytes(resource)) {
            return bytes(amount);
        }
        return decimal(amount);
    }

    /** True for the resource names kubesim keeps in millicores. */
    public static boolean isMilli(String resource) {
        return resource.equals("cpu") || resource.equals("requests.cpu") || resource.equals("limits.cpu");
    }

    private static boolean isBytes(String resource) {
        String r = resource.startsWith("requests.") ? resource.substring(9)
                : resource.startsWith("limits.") ? resource.substring(7) : resource;
        return r.equals("memory") || r.equals("ephemeral-storage") || r.equals("storage") || r.startsWith("hugepages-");
    }
}
