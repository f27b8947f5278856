package io.kubesim.scenarios;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Parses Kubernetes resource quantities exactly as apimachinery's {@code resource.ParseQuantity}
 * (staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go) and converts them the way the
 * scheduler and kubelet read them: {@code MilliValue()} for cpu and {@code Value()} for
 * everything else, both rounding up.
 *
 * <p>Grammar: {@code [+-]? number suffix}, where a number is {@code 1}, {@code 1.5}, {@code 1.}
 * or {@code .5}, and the suffix is one of {@code m "" k M G T P E} (powers of 1000),
 * {@code Ki Mi Gi Ti Pi Ei} (powers of 1024) or {@code e}/{@code E} followed by a signed integer.
 * After parsing, a non-zero amount is rounded up (away from zero) to a multiple of 1n.
 *
 * <p>One deliberate difference: upstream's scanner accepts a suffix or sign with no digits at
 * all ({@code Gi}, {@code m}, {@code -}) and reads it as zero (kubernetes/apimachinery#165,
 * acknowledged as a bug). That is always a typo in a manifest, so it is rejected here.
 */
public final class Quantities {
    private static final BigDecimal NANO = new BigDecimal("1e-9");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    /** Upstream's error texts, so messages match what {@code kubectl apply} prints. */
    static final String FORMAT_WRONG =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    static final String SUFFIX_WRONG = "unable to parse quantity's suffix";

    private Quantities() {
    }

    /**
     * The exact amount (after upstream's round-up to 1n).
     *
     * @throws IllegalArgumentException with upstream's message when {@code text} is not a quantity
     */
    public static BigDecimal parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(FORMAT_WRONG);
        }
        int pos = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            pos++;
        }
        int intStart = pos;
        while (pos < s.length() && isDigit(s.charAt(pos))) {
            pos++;
        }
        String intPart = s.substring(intStart, pos);
        String fracPart = "";
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            int fracStart = pos;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
            fracPart = s.substring(fracStart, pos);
        }
        if (intPart.isEmpty() && fracPart.isEmpty()) {
            throw new IllegalArgumentException(FORMAT_WRONG);
        }
        String suffix = s.substring(pos);
        checkSuffixShape(suffix);
        BigDecimal number = new BigDecimal((intPart.isEmpty() ? "0" : intPart) + (fracPart.isEmpty() ? "" : "." + fracPart));
        BigDecimal amount = number.multiply(multiplier(suffix));
        if (amount.signum() != 0) {
            amount = amount.setScale(Math.max(amount.scale(), 0), RoundingMode.UNNECESSARY);
            if (amount.scale() > 9) {
                amount = amount.setScale(9, RoundingMode.UP);
            }
        }
        return negative ? amount.negate() : amount;
    }

    /** {@code Quantity.MilliValue()}: the amount in thousandths, rounded up; for cpu. */
    public static long milliValue(BigDecimal amount) {
        return toLong(amount.multiply(THOUSAND).setScale(0, RoundingMode.CEILING));
    }

    /** {@code Quantity.Value()}: the amount rounded up to an integer; for bytes and counts. */
    public static long value(BigDecimal amount) {
        return toLong(amount.setScale(0, RoundingMode.CEILING));
    }

    /** True when the amount is a whole number (extended resources must be). */
    public static boolean isInteger(BigDecimal amount) {
        return amount.signum() == 0 || amount.stripTrailingZeros().scale() <= 0;
    }

    private static long toLong(BigDecimal v) {
        BigInteger i = v.toBigIntegerExact();
        if (i.bitLength() > 63) {
            throw new IllegalArgumentException("quantity is too large");
        }
        return i.longValue();
    }

    /** The shape check of upstream's scanner: letters from "eEinumkKMGTP", then an optional signed integer. */
    private static void checkSuffixShape(String suffix) {
        int i = 0;
        while (i < suffix.length() && "eEinumkKMGTP".indexOf(suffix.charAt(i)) >= 0) {
            i++;
        }
        if (i < suffix.length() && (suffix.charAt(i) == '+' || suffix.charAt(i) == '-')) {
            i++;
        }
        while (i < suffix.length() && isDigit(suffix.charAt(i))) {
            i++;
        }
        if (i != suffix.length()) {
            throw new IllegalArgumentException(FORMAT_WRONG);
        }
    }

    private static BigDecimal multiplier(String suffix) {
        switch (suffix) {
            case "":
                return BigDecimal.ONE;
            case "n":
                return NANO;
            case "u":
                return new BigDecimal("1e-6");
            case "m":
                return new BigDecimal("1e-3");
            case "k":
                return new BigDecimal("1e3");
            case "M":
                return new BigDecimal("1e6");
            case "G":
                return new BigDecimal("1e9");
            case "T":
                return new BigDecimal("1e12");
            case "P":
                return new BigDecimal("1e15");
            case "E":
                return new BigDecimal("1e18");
            case "Ki":
                return new BigDecimal(BigInteger.ONE.shiftLeft(10));
            case "Mi":
                return new BigDecimal(BigInteger.ONE.shiftLeft(20));
            case "Gi":
                return new BigDecimal(BigInteger.ONE.shiftLeft(30));
            case "Ti":
                return new BigDecimal(BigInteger.ONE.shiftLeft(40));
            case "Pi":
                return new BigDecimal(BigInteger.ONE.shiftLeft(50));
            case "Ei":
                return new BigDecimal(BigInteger.ONE.shiftLeft(60));
            default:
                break;
        }
        if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            String exp = suffix.substring(1);
            try {
                int e = Integer.parseInt(exp);
                if (Math.abs(e) > 100) {
                    throw new IllegalArgumentException("quantity exponent " + e + " is out of range");
                }
                return BigDecimal.ONE.scaleByPowerOfTen(e);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(SUFFIX_WRONG);
            }
        }
        throw new IllegalArgumentException(SUFFIX_WRONG);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
