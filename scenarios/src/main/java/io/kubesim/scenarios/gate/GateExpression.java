package io.kubesim.scenarios.gate;

import java.math.BigDecimal;

/**
 * One gate, {@code QUANTITY[SELECTOR] OP BOUND}, e.g. {@code p99Ms[frontend] > 250} or
 * {@code errorRatio >= 0.5%}. It trips when the measured quantity satisfies the comparison.
 * Spaces are allowed between the parts; a bound is a decimal number, with {@code %} meaning
 * hundredths. A per-action gate, {@code action[rollout web].failed > 0}, has quantity
 * {@link GateQuantity#ACTION}, the action selector, and the measured quantity after the dot in
 * {@code inAction}/{@code inActionSelector}.
 *
 * @param selector the text between the brackets, trimmed; null when there are none
 * @param boundText the bound as written, for messages
 * @param inAction for {@code action[...]}, the quantity measured in its window; null otherwise
 * @param inActionSelector that quantity's selector, or null
 */
public record GateExpression(GateQuantity quantity, String selector, Comparison comparison, double bound,
                             String boundText, GateQuantity inAction, String inActionSelector) {

    /** A whole-run gate. */
    public GateExpression(GateQuantity quantity, String selector, Comparison comparison, double bound,
                          String boundText) {
        this(quantity, selector, comparison, bound, boundText, null, null);
    }

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
        return quantity.label() + (selector == null ? "" : "[" + selector + "]")
                + (inAction == null ? "" : "." + inAction.label() + (inActionSelector == null ? "" : "[" + inActionSelector + "]"))
                + " " + comparison.symbol() + " " + boundText;
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
            GateQuantity quantity = quantityName(false);
            String selector = selector(quantity);
            GateQuantity inAction = null;
            String inActionSelector = null;
            if (quantity == GateQuantity.ACTION) {
                if (at >= text.length() || text.charAt(at) != '.') {
                    throw error(at, "expected \".\" and a quantity after action[...]");
                }
                at++;
                inAction = quantityName(true);
                inActionSelector = selector(inAction);
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
            return new GateExpression(quantity, selector, comparison, bound, boundText, inAction, inActionSelector);
        }

        /** A quantity name at the cursor: a whole-run one, or one measured inside an action's window. */
        private GateQuantity quantityName(boolean inAction) {
            int start = at;
            while (at < text.length() && (Character.isLetter(text.charAt(at)) || at > start && Character.isDigit(text.charAt(at)))) {
                at++;
            }
            String name = text.substring(start, at);
            if (name.isEmpty()) {
                throw error(start, "expected a quantity name");
            }
            GateQuantity quantity = GateQuantity.named(name);
            if (quantity == null || !(inAction ? quantity.inAction() : quantity.inRun())) {
                throw error(start, (quantity == null ? "unknown quantity \"" : inAction
                        ? "not a quantity of an action \"" : "only after action[...]: \"") + name + "\"");
            }
            return quantity;
        }

        /** The {@code [selector]} at the cursor, if any, checked against what the quantity takes. */
        private String selector(GateQuantity quantity) {
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
            return selector;
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
