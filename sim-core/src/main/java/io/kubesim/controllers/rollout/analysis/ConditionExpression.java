package io.kubesim.controllers.rollout.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * An AnalysisTemplate metric's {@code successCondition} or {@code failureCondition}
 * (k8s-semantics.md 20.6), restricted to what can be said about one measurement: Argo evaluates
 * them with expr-lang and {@code result} bound to the provider's value; kubesim supports the
 * subset its measurements can feed: {@code result}, {@code result[N]}, {@code len(result)},
 * {@code isNaN(x)}, {@code isInf(x)}, numbers, {@code true}/{@code false}, {@code + - * /},
 * the comparisons {@code == != < <= > >=}, {@code && || !} (and {@code and or not}) and
 * parentheses. Arithmetic and comparisons follow IEEE 754 as Go does: any comparison with NaN is
 * false except {@code !=}. A bare {@code result} in a numeric context is its only element.
 *
 * <pre>{@code
 * ConditionExpression.parse("result[0] < 0.05 || isNaN(result[0])").evaluate(new double[] {0.01}); // true
 * }</pre>
 */
public final class ConditionExpression {
    /** What kubesim supports, for messages. */
    public static final String SUPPORTED = "result, result[N], len(result), isNaN(x), isInf(x), numbers, "
            + "+ - * /, == != < <= > >=, && || ! (and, or, not) and parentheses";

    private final String text;
    private final Node root;

    private ConditionExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses a condition.
     *
     * @throws IllegalArgumentException naming what is not supported and what is
     */
    public static ConditionExpression parse(String text) {
        Parser p = new Parser(text);
        Node n = p.or();
        if (p.peek().kind != Kind.END) {
            throw p.unsupported("unexpected \"" + p.peek().text + "\" at column " + (p.peek().at + 1));
        }
        return new ConditionExpression(text, n);
    }

    /** The condition as written. */
    public String text() {
        return text;
    }

    /**
     * The condition's value for one measurement.
     *
     * @param result the measurement as a vector (one element for a single value)
     * @throws IllegalStateException when an index is out of range ("index out of range") or the
     *                               condition is not a boolean; the measurement is then an Error
     */
    public Boolean evaluate(double[] result) {
        Object v = root.eval(result);
        if (!(v instanceof Boolean b)) {
            throw new IllegalStateException("condition \"" + text + "\" gives " + describe(v) + ", not true or false");
        }
        return b;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String describe(Object v) {
        if (v instanceof double[] a) {
            return "a vector of " + a.length;
        }
        return v instanceof Double d ? "the number " + d : String.valueOf(v);
    }

    // ---- evaluation --------------------------------------------------------------------------------

    private interface Node {
        Object eval(double[] result);
    }

    private static double number(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof double[] a) {
            if (a.length == 1) {
                return a[0];
            }
            throw new IllegalStateException("result has " + a.length + " values where one number is needed "
                    + "(write result[0])");
        }
        throw new IllegalStateException("expected a number, got " + v);
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalStateException("expected true or false, got " + describe(v));
    }

    private record Num(double value) implements Node {
        public Object eval(double[] result) {
            return value;
        }
    }

    private record Bool(boolean value) implements Node {
        public Object eval(double[] result) {
            return value;
        }
    }

    private record Result() implements Node {
        public Object eval(double[] result) {
            return result;
        }
    }

    private record Index(Node index) implements Node {
        public Object eval(double[] result) {
            double i = number(index.eval(result));
            if (i != Math.rint(i) || i < 0 || i >= result.length) {
                throw new IllegalStateException("index out of range");
            }
            return result[(int) i];
        }
    }

    private record Call(String function, Node arg) implements Node {
        public Object eval(double[] result) {
            Object v = arg.eval(result);
            return switch (function) {
                case "len" -> v instanceof double[] a ? (double) a.length : 1.0;
                case "isNaN" -> Double.isNaN(number(v));
                default -> Double.isInfinite(number(v));
            };
        }
    }

    private record Not(Node operand) implements Node {
        public Object eval(double[] result) {
            return !bool(operand.eval(result));
        }
    }

    private record Negate(Node operand) implements Node {
        public Object eval(double[] result) {
            return -number(operand.eval(result));
        }
    }

    private record Binary(String op, Node left, Node right) implements Node {
        public Object eval(double[] result) {
            switch (op) {
                case "||":
                    return bool(left.eval(result)) || bool(right.eval(result));
                case "&&":
                    return bool(left.eval(result)) && bool(right.eval(result));
                default:
                    break;
            }
            Object l = left.eval(result);
            Object r = right.eval(result);
            if ((op.equals("==") || op.equals("!=")) && l instanceof Boolean lb && r instanceof Boolean rb) {
                return op.equals("==") == (lb.booleanValue() == rb.booleanValue());
            }
            double a = number(l);
            double b = number(r);
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> a / b;
                case "==" -> a == b;
                case "!=" -> a != b;
                case "<" -> a < b;
                case "<=" -> a <= b;
                case ">" -> a > b;
                default -> a >= b;
            };
        }
    }

    // ---- parsing -----------------------------------------------------------------------------------

    private enum Kind { NUMBER, IDENT, OP, END }

    private record Token(Kind kind, String text, int at) {
    }

    /** Recursive descent, lowest precedence first: or, and, not, comparison, + -, * /, unary, primary. */
    private static final class Parser {
        private final String text;
        private final List<Token> tokens;
        private int pos;

        Parser(String text) {
            this.text = text;
            this.tokens = tokenize(text);
        }

        Token peek() {
            return tokens.get(pos);
        }

        Token next() {
            return tokens.get(pos++);
        }

        boolean accept(String... any) {
            Token t = peek();
            for (String a : any) {
                if ((t.kind == Kind.OP || t.kind == Kind.IDENT) && t.text.equals(a)) {
                    pos++;
                    return true;
                }
            }
            return false;
        }

        void expect(String s) {
            if (!accept(s)) {
                throw unsupported("expected \"" + s + "\" at column " + (peek().at + 1) + ", got "
                        + (peek().kind == Kind.END ? "the end" : "\"" + peek().text + "\""));
            }
        }

        Node or() {
            Node n = and();
            while (accept("||", "or")) {
                n = new Binary("||", n, and());
            }
            return n;
        }

        Node and() {
            Node n = not();
            while (accept("&&", "and")) {
                n = new Binary("&&", n, not());
            }
            return n;
        }

        Node not() {
            if (accept("!", "not")) {
                return new Not(not());
            }
            return comparison();
        }

        Node comparison() {
            Node n = additive();
            Token t = peek();
            if (t.kind == Kind.OP && List.of("==", "!=", "<", "<=", ">", ">=").contains(t.text)) {
                pos++;
                n = new Binary(t.text, n, additive());
            }
            return n;
        }

        Node additive() {
            Node n = multiplicative();
            while (true) {
                Token t = peek();
                if (t.kind == Kind.OP && (t.text.equals("+") || t.text.equals("-"))) {
                    pos++;
                    n = new Binary(t.text, n, multiplicative());
                } else {
                    return n;
                }
            }
        }

        Node multiplicative() {
            Node n = unary();
            while (true) {
                Token t = peek();
                if (t.kind == Kind.OP && (t.text.equals("*") || t.text.equals("/"))) {
                    pos++;
                    n = new Binary(t.text, n, unary());
                } else {
                    return n;
                }
            }
        }

        Node unary() {
            if (accept("-")) {
                return new Negate(unary());
            }
            if (accept("+")) {
                return unary();
            }
            return primary();
        }

        Node primary() {
            Token t = next();
            switch (t.kind) {
                case NUMBER:
                    return new Num(Double.parseDouble(t.text));
                case OP:
                    if (t.text.equals("(")) {
                        Node n = or();
                        expect(")");
                        return n;
                    }
                    throw unsupported("unexpected \"" + t.text + "\" at column " + (t.at + 1));
                case END:
                    throw unsupported("it ends where a value is expected");
                default:
                    break;
            }
            switch (t.text) {
                case "result":
                    if (accept("[")) {
                        Node index = or();
                        expect("]");
                        return new Index(index);
                    }
                    if (peek().kind == Kind.OP && peek().text.equals(".")) {
                        throw unsupported("fields of result (result.x) are not supported");
                    }
                    return new Result();
                case "true":
                    return new Bool(true);
                case "false":
                    return new Bool(false);
                case "len", "isNaN", "isInf":
                    expect("(");
                    Node arg = or();
                    expect(")");
                    return new Call(t.text, arg);
                default:
                    throw unsupported("\"" + t.text + "\" is not supported");
            }
        }

        IllegalArgumentException unsupported(String why) {
            return new IllegalArgumentException("condition \"" + text + "\" cannot be evaluated by kubesim: " + why
                    + " (supported: " + SUPPORTED + ")");
        }

        private List<Token> tokenize(String s) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                    int start = i;
                    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                        i++;
                    }
                    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                        i++;
                        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                            i++;
                        }
                        while (i < s.length() && Character.isDigit(s.charAt(i))) {
                            i++;
                        }
                    }
                    String num = s.substring(start, i).replace("_", "");
                    try {
                        Double.parseDouble(num);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("condition \"" + text + "\" cannot be evaluated by kubesim: "
                                + "invalid number \"" + s.substring(start, i) + "\" (supported: " + SUPPORTED + ")");
                    }
                    out.add(new Token(Kind.NUMBER, num, start));
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                    out.add(new Token(Kind.IDENT, s.substring(start, i), start));
                } else {
                    String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                    if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                        out.add(new Token(Kind.OP, two, i));
                        i += 2;
                    } else {
                        // Any other character is a token the parser refuses where it meets it, so that
                        // the first unsupported thing is named ("in", not the "," after it).
                        out.add(new Token(Kind.OP, String.valueOf(c), i));
                        i++;
                    }
                }
            }
            out.add(new Token(Kind.END, "", s.length()));
            return out;
        }
    }
}
