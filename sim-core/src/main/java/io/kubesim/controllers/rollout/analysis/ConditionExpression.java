package io.kubesim.controllers.rollout.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PLACEHOLDER until the reader branch's parser lands: {@code result[0] OP number} only. */
public final class ConditionExpression {
    private static final Pattern P = Pattern.compile("\\s*result(?:\\[0\\])?\\s*(>=|<=|==|!=|<|>)\\s*([-0-9.eE]+)\\s*");
    private final String op;
    private final double bound;

    private ConditionExpression(String op, double bound) {
        this.op = op;
        this.bound = bound;
    }

    public static ConditionExpression parse(String text) {
        Matcher m = P.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported: " + text);
        }
        return new ConditionExpression(m.group(1), Double.parseDouble(m.group(2)));
    }

    public Boolean evaluate(double[] result) {
        if (result.length == 0) {
            throw new IllegalStateException("index out of range");
        }
        double v = result[0];
        return switch (op) {
            case ">=" -> v >= bound;
            case "<=" -> v <= bound;
            case "==" -> v == bound;
            case "!=" -> v != bound;
            case "<" -> v < bound;
            default -> v > bound;
        };
    }
}
