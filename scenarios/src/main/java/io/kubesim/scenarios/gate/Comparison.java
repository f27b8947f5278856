package io.kubesim.scenarios.gate;

/** The operator of a gate; the gate trips when {@code measured OP bound} holds. */
public enum Comparison {
    GREATER_OR_EQUAL(">="),
    GREATER(">"),
    LESS_OR_EQUAL("<="),
    LESS("<"),
    EQUAL("=="),
    NOT_EQUAL("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code measured OP bound} is true. */
    public boolean holds(double measured, double bound) {
        return switch (this) {
            case GREATER -> measured > bound;
            case GREATER_OR_EQUAL -> measured >= bound;
            case LESS -> measured < bound;
            case LESS_OR_EQUAL -> measured <= bound;
            case EQUAL -> Double.compare(measured, bound) == 0;
            case NOT_EQUAL -> Double.compare(measured, bound) != 0;
        };
    }

    /** The operator at {@code text[at]}, two-character symbols first; null when there is none. */
    static Comparison at(String text, int at) {
        for (Comparison c : values()) { // declaration order puts >= before >, <= before <
            if (text.startsWith(c.symbol, at)) {
                return c;
            }
        }
        return null;
    }

    /** {@code > >= < <= == !=}, for messages. */
    static String allowed() {
        return "> >= < <= == !=";
    }
}
