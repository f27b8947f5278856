package io.kubesim.scenarios.gate;

/**
 * A gate expression that does not parse: the 1-based column in the expression and what was
 * expected there. The caller adds where the expression came from (a {@code --fail-on} value or a
 * scenario line).
 */
public final class GateSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final String detail;

    GateSyntaxException(String expression, int column, String detail) {
        super("\"" + expression + "\": column " + column + ": " + detail + " (quantities: "
                + GateQuantity.allUsages() + ")");
        this.column = column;
        this.detail = detail;
    }

    public int column() {
        return column;
    }

    public String detail() {
        return detail;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
