package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubesim.api.Resources;
import io.kubesim.scenarios.Quantities;
import io.kubesim.scenarios.yaml.Pointers;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a resource list ({@code requests}, {@code limits}, {@code overhead}) into
 * {@link Resources}: cpu in millicores via MilliValue (rounded up), memory, ephemeral-storage and
 * hugepages in bytes via Value() (rounded up), extended resources such as {@code nvidia.com/gpu}
 * as whole numbers, which the API server requires them to be.
 */
final class ResourcesReader {
    private ResourcesReader() {
    }

    /** {@code pointer} is where the list sits in the object, e.g. {@code /spec/containers/0/resources/limits}. */
    static Resources read(ObjectContext ctx, String pointer, Map<String, Quantity> list) {
        if (list == null || list.isEmpty()) {
            return Resources.NONE;
        }
        Resources.Builder b = Resources.builder();
        for (String name : new TreeMap<>(list).keySet()) {
            String p = Pointers.child(pointer, name);
            // A null quantity unmarshals to zero (apimachinery Quantity.UnmarshalJSON).
            BigDecimal amount = ctx.node(p).isNull() ? BigDecimal.ZERO : Quantities.parse(ctx.node(p).asText());
            if (amount.signum() < 0) {
                throw ctx.error(p, "resource quantity must not be negative, got " + ctx.node(p).asText());
            }
            try {
                b.set(name, toUnits(ctx, p, name, amount));
            } catch (IllegalArgumentException e) {
                throw ctx.error(p, "resource quantity \"" + ctx.node(p).asText() + "\" is too large");
            }
        }
        return b.build();
    }

    private static long toUnits(ObjectContext ctx, String pointer, String name, BigDecimal amount) {
        if (name.equals(Resources.CPU)) {
            return Quantities.milliValue(amount);
        }
        if (name.equals(Resources.MEMORY) || name.equals(Resources.EPHEMERAL_STORAGE) || name.startsWith("hugepages-")) {
            return Quantities.value(amount);
        }
        if (!Quantities.isInteger(amount)) {
            throw ctx.error(pointer, "extended resource " + name + " must be a whole number, got "
                    + ctx.node(pointer).asText());
        }
        return Quantities.value(amount);
    }

    /**
     * API defaulting of container requests (pkg/apis/core/v1/defaults.go, k8s-semantics.md 4.4):
     * a resource with a limit and no request gets the limit as its request.
     */
    static Resources defaultRequestsFromLimits(Resources requests, Resources limits) {
        Resources.Builder b = Resources.builder();
        Map<String, Long> merged = new TreeMap<>();
        for (String r : new String[] {Resources.CPU, Resources.MEMORY, Resources.EPHEMERAL_STORAGE}) {
            if (requests.has(r)) {
                merged.put(r, requests.get(r));
            } else if (limits.has(r)) {
                merged.put(r, limits.get(r));
            }
        }
        Map<String, Long> ext = new TreeMap<>(limits.extended());
        ext.putAll(requests.extended());
        merged.putAll(ext);
        if (merged.isEmpty()) {
            return Resources.NONE;
        }
        merged.forEach(b::set);
        return b.build();
    }
}
