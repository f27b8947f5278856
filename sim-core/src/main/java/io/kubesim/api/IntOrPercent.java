package io.kubesim.api;

/**
 * An IntOrString that is either an absolute count or a percentage ("25%"), as used by
 * maxSurge, maxUnavailable and PodDisruptionBudgets.
 */
public record IntOrPercent(int value, boolean percent) {
    public static IntOrPercent ofInt(int v) {
        return new IntOrPercent(v, false);
    }

    public static IntOrPercent ofPercent(int p) {
        return new IntOrPercent(p, true);
    }

    /**
     * Parses {@code "25%"} or {@code "3"}; throws IllegalArgumentException for anything else
     * (upstream: a malformed string such as "oops" is an error).
     */
    public static IntOrPercent parse(String s) {
        String t = s.trim();
        try {
            if (t.endsWith("%")) {
                return ofPercent(Integer.parseInt(t.substring(0, t.length() - 1)));
            }
            return ofInt(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
        }
    }

    /**
     * The absolute value against {@code total} (apimachinery intstr.GetScaledValueFromIntOrPercent):
     * a percentage is {@code value * total / 100}, rounded up when {@code roundUp} and down otherwise.
     */
    public int scaledValue(int total, boolean roundUp) {
        if (!percent) {
            return value;
        }
        long product = (long) value * total;
        if (roundUp) {
            return (int) -Math.floorDiv(-product, 100L);
        }
        return (int) Math.floorDiv(product, 100L);
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
