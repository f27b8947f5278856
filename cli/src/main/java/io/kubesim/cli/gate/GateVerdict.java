package io.kubesim.cli.gate;

import io.kubesim.scenarios.gate.GateExpression;
import java.math.BigDecimal;
import java.math.MathContext;

/** One gate checked against a run: the value measured and whether the gate tripped. */
public record GateVerdict(GateExpression gate, double measured, boolean tripped) {

    public static GateVerdict check(GateExpression gate, double measured) {
        return new GateVerdict(gate, measured, gate.tripsAt(measured));
    }

    /** The measured value with at most 6 significant digits and no trailing zeros: {@code 312.4}. */
    public String measuredText() {
        return BigDecimal.valueOf(measured).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** {@code gate failed: p99Ms[frontend] > 250: measured 312.4}. */
    public String failureLine() {
        return "gate failed: " + gate + ": measured " + measuredText();
    }
}
