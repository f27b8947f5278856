package io.kubesim.scenarios.gate;

import java.math.BigDecimal;

/**
 * One gate, {@code QUANTITY[SELECTOR] OP BOUND}, e.g. {@code p99Ms[frontend] > 250} or
 * {@code errorRatio >= 0.5%}. It trips when the measured quantity satisfies the comparison.
 * Spaces are allowed between the parts; a bound is a decimal number, with {@code %} meaning
 * hundredths.
 *
 * @param selector the text between the brackets, trimmed; null when there are none
 * @param boundText the bound as written, for messages
 */
public record GateExpression(GateQuantity quantity, String selector, Comparison comparison, double bound,
                             String boundText) {

    /** Parses one expression, or throws {@link GateSyntaxException} naming the column. */
    public static GateExpression parse(String text) {
        return new Parser(text).expression();
    }

    /** Whether a gate with this measured value trips. */
    public boolean tripsAt(double measured) {
        return comparison.holds(measured, bound);
    }

    /** The canonical form, {@code p99Ms[frontend] > 250}, used in every message and report. */
    @Override
    public String toString() {
        return quantity.label() + (selector == null ? "" : "[" + selector + "]") + " " + comparison.symbol() + " "
                + boundText;
    }

    /** A small scanner over the expression; positions are 0-based inside, 1-based in errors. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        GateExpression expression() {
            skipSpaces();
            int start = at;
            while (at < text.length() && (Character.isLetter(text.charAt(at)) || at > start && Character.isDigit(text.charAt(at)))) {
                at++;
            }
            String name = text.substring(start, at);
            if (name.isEmpty()) {
                throw error(start, "expected a quantity name");
            }
            GateQuantity quantity = GateQuantity.named(name);
            if (quantity == null) {
                throw error(start, "unknown quantity \"" + name + "\"");
            }
            String selector = null;
            if (at < text.length() && text.charAt(at) == '[') {
                int open = at;
                int close = text.indexOf(']', open);
                if (close < 0) {
                    throw error(open, "\"[\" is not closed by \"]\"");
                }
                selector = text.substring(open + 1, close).trim();
                if (selector.isEmpty()) {
                    throw error(open + 1, "expected a selector between the brackets");
                }
                if (quantity.selector() == GateQuantity.Selector.NONE) {
                    throw error(open, quantity.label() + " takes no [selector]");
                }
                at = close + 1;
            } else if (quantity.selector() == GateQuantity.Selector.REQUIRED) {
                throw error(at, quantity.label() + " needs a selector: " + quantity.usage());
            }
            skipSpaces();
            Comparison comparison = Comparison.at(text, at);
            if (comparison == null) {
                throw error(at, "expected an operator (" + Comparison.allowed() + ")"
                        + (at < text.length() ? ", got \"" + text.substring(at) + "\"" : ""));
            }
            at += comparison.symbol().length();
            skipSpaces();
            int boundStart = at;
            while (at < text.length() && "+-.0123456789eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            boolean percent = at < text.length() && text.charAt(at) == '%';
            double bound;
            try {
                bound = new BigDecimal(text.substring(boundStart, at)).doubleValue();
            } catch (NumberFormatException e) {
                throw error(boundStart, "expected a number after \"" + comparison.symbol() + "\"");
            }
            if (percent) {
                at++;
                bound /= 100;
            }
            String boundText = text.substring(boundStart, at);
            skipSpaces();
            if (at < text.length()) {
                throw error(at, "unexpected \"" + text.substring(at) + "\" after the bound");
            }
            return new GateExpression(quantity, selector, comparison, bound, boundText);
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }

        private GateSyntaxException error(int position, String detail) {
            return new GateSyntaxException(text, position + 1, detail);
        }
    }
}
