package io.kubesim.cli;

import io.kubesim.api.Resources;
import io.kubesim.capacity.NodeShape;
import io.kubesim.scenarios.Quantities;
import io.kubesim.sim.NodePool;
import java.math.BigDecimal;

/**
 * Reads {@code --node-shape [NAME:]cpu=4,memory=16Gi[,pods=110][,price=0.192]}: a machine type's
 * allocatable resources, its pod limit and, to compare shapes, its price per node-hour.
 */
final class NodeShapeOption {
    private NodeShapeOption() {
    }

    static NodeShape parse(String text) {
        String name = "";
        String body = text;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            name = text.substring(0, colon).trim();
            body = text.substring(colon + 1);
            if (name.isEmpty()) {
                throw error(text, "the name before ':' is empty");
            }
        }
        Long cpu = null;
        Long memory = null;
        int pods = NodePool.DEFAULT_MAX_PODS;
        double price = Double.NaN;
        for (String part : body.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw error(text, "\"" + part + "\" is not key=value (keys: cpu, memory, pods, price)");
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "cpu" -> cpu = Quantities.milliValue(positive(text, key, value));
                case "memory" -> memory = Quantities.value(positive(text, key, value));
                case "pods" -> {
                    BigDecimal p = positive(text, key, value);
                    if (!Quantities.isInteger(p) || p.compareTo(BigDecimal.valueOf(100_000)) > 0) {
                        throw error(text, "pods \"" + value + "\": expected a whole number from 1 to 100000");
                    }
                    pods = p.intValueExact();
                }
                case "price" -> {
                    try {
                        price = new BigDecimal(value).doubleValue();
                    } catch (NumberFormatException e) {
                        throw error(text, "price \"" + value + "\": expected a number, e.g. 0.192");
                    }
                    if (price < 0 || Double.isInfinite(price)) {
                        throw error(text, "price \"" + value + "\": expected a number from 0 up, e.g. 0.192");
                    }
                }
                default -> throw error(text, "unknown key \"" + key + "\" (expected cpu, memory, pods or price)");
            }
        }
        if (cpu == null || memory == null) {
            throw error(text, "cpu and memory are required, e.g. cpu=4,memory=16Gi");
        }
        return new NodeShape(name, Resources.of(cpu, memory), pods, price);
    }

    private static BigDecimal positive(String text, String key, String value) {
        BigDecimal v;
        try {
            v = Quantities.parse(value);
        } catch (IllegalArgumentException e) {
            throw error(text, key + " \"" + value + "\": " + e.getMessage());
        }
        if (v.signum() <= 0) {
            throw error(text, key + " \"" + value + "\": must be more than 0");
        }
        try {
            Quantities.milliValue(v);
        } catch (IllegalArgumentException e) {
            throw error(text, key + " \"" + value + "\": too large");
        }
        return v;
    }

    private static UsageError error(String text, String what) {
        return new UsageError("--node-shape " + text + ": " + what);
    }
}
