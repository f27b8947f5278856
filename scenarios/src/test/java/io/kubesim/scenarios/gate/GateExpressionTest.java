package io.kubesim.scenarios.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The gate grammar {@code QUANTITY[SELECTOR] OP BOUND}: what parses, to what, and where an error points. */
class GateExpressionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            errorRatio > 0.01                 | ERROR_RATIO     |                  | GREATER          | 0.01  | errorRatio > 0.01
            errorRatio[checkout]>=0.5%        | ERROR_RATIO     | checkout         | GREATER_OR_EQUAL | 0.005 | errorRatio[checkout] >= 0.5%
            failed > 0                        | FAILED          |                  | GREATER          | 0     | failed > 0
            failed[web] != 0                  | FAILED          | web              | NOT_EQUAL        | 0     | failed[web] != 0
            outageSeconds >= 1.5              | OUTAGE_SECONDS  |                  | GREATER_OR_EQUAL | 1.5   | outageSeconds >= 1.5
            outageSeconds[web] == 0           | OUTAGE_SECONDS  | web              | EQUAL            | 0     | outageSeconds[web] == 0
            p99Ms[frontend] > 250             | P99_MS          | frontend         | GREATER          | 250   | p99Ms[frontend] > 250
            minAvailable[Deployment/web] < 8  | MIN_AVAILABLE   | Deployment/web   | LESS             | 8     | minAvailable[Deployment/web] < 8
            minAvailable[ web ]<=7            | MIN_AVAILABLE   | web              | LESS_OR_EQUAL    | 7     | minAvailable[web] <= 7
            rolloutSeconds[web] > 60          | ROLLOUT_SECONDS | web              | GREATER          | 60    | rolloutSeconds[web] > 60
            rolloutSeconds>1e2                | ROLLOUT_SECONDS |                  | GREATER          | 100   | rolloutSeconds > 1e2
            pendingSeconds > 30               | PENDING_SECONDS |                  | GREATER          | 30    | pendingSeconds > 30
            secondsBelowDesired[web] > 10     | SECONDS_BELOW_DESIRED | web        | GREATER          | 10    | secondsBelowDesired[web] > 10
            action[rollout web].failed>0      | ACTION          | rollout web      | GREATER          | 0     | action[rollout web].failed > 0
            action[ 2 ].evictions >= 1        | ACTION          | 2                | GREATER_OR_EQUAL | 1     | action[2].evictions >= 1
            """)
    @DisplayName("every quantity and operator parses to its parts and prints in canonical form")
    void parses(String text, GateQuantity quantity, String selector, Comparison comparison, double bound,
                String canonical) {
        GateExpression g = GateExpression.parse(text);
        assertEquals(quantity, g.quantity());
        assertEquals(selector, g.selector());
        assertEquals(comparison, g.comparison());
        assertEquals(bound, g.bound(), 1e-12);
        assertEquals(canonical, g.toString());
        assertEquals(g, GateExpression.parse(g.toString()), "the canonical form parses back to the same gate");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            action[rollout web].failed > 0                       | FAILED                | 
            action[drain pool-a-1].outageSeconds[cart] > 0       | OUTAGE_SECONDS        | cart
            action[1].p99Ms > 250                                | P99_MS                | 
            action[upgrade pool-a].secondsBelowDesired[cart] > 5 | SECONDS_BELOW_DESIRED | cart
            action[upgrade pool-a].pendingPodSeconds > 0         | PENDING_POD_SECONDS   | 
            """)
    @DisplayName("a per-action gate keeps the quantity after the dot and its selector")
    void perAction(String text, GateQuantity inAction, String inActionSelector) {
        GateExpression g = GateExpression.parse(text);
        assertEquals(GateQuantity.ACTION, g.quantity());
        assertEquals(inAction, g.inAction());
        assertEquals(inActionSelector, g.inActionSelector());
        assertEquals(g, GateExpression.parse(g.toString()));
    }

    @Test
    @DisplayName("no brackets means no selector")
    void noSelector() {
        assertNull(GateExpression.parse("p99Ms > 1").selector());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Comparison.class)
    @DisplayName("a gate trips exactly when measured OP bound holds")
    void trips(Comparison op) {
        GateExpression g = GateExpression.parse("failed " + op.symbol() + " 5");
        for (double measured : new double[] {4, 5, 6}) {
            boolean expected = switch (op) {
                case GREATER -> measured > 5;
                case GREATER_OR_EQUAL -> measured >= 5;
                case LESS -> measured < 5;
                case LESS_OR_EQUAL -> measured <= 5;
                case EQUAL -> measured == 5;
                case NOT_EQUAL -> measured != 5;
            };
            assertEquals(expected, g.tripsAt(measured), op + " at " + measured);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                        | ''                          | 1  | expected a quantity name
            unknown quantity             | p98Ms[web] > 1              | 1  | unknown quantity "p98Ms"
            digit first                  | 9p > 1                      | 1  | expected a quantity name
            unclosed selector            | p99Ms[web > 1               | 6  | "[" is not closed by "]"
            empty selector               | p99Ms[ ] > 1                | 7  | expected a selector between the brackets
            selector where none is taken | pendingSeconds[web] > 1     | 15 | pendingSeconds takes no [selector]
            required selector missing    | minAvailable < 2            | 13 | minAvailable needs a selector: minAvailable[kind/name or name]
            missing operator             | p99Ms[web] 250              | 12 | expected an operator (> >= < <= == !=), got "250"
            single equals                | failed = 0                  | 8  | expected an operator (> >= < <= == !=), got "= 0"
            nothing after the quantity   | failed                      | 7  | expected an operator (> >= < <= == !=)
            missing bound                | failed >                    | 9  | expected a number after ">"
            word as bound                | failed > many               | 10 | expected a number after ">"
            unit on the bound            | p99Ms[web] > 250ms          | 17 | unexpected "ms" after the bound
            two gates in one             | failed > 0 and p99Ms > 1    | 12 | unexpected "and p99Ms > 1" after the bound
            action without a quantity    | action[rollout web] > 0     | 20 | expected "." and a quantity after action[...]
            action without a selector    | action.failed > 0           | 7  | action needs a selector: action[KIND TARGET or index]
            run-only quantity in action  | action[1].pendingSeconds > 0 | 11 | not a quantity of an action "pendingSeconds"
            action-only quantity on its own | evictions > 0            | 1  | only after action[...]: "evictions"
            action in an action          | action[1].action[2].failed > 0 | 11 | not a quantity of an action "action"
            workload missing in action   | action[1].secondsBelowDesired > 0 | 30 | secondsBelowDesired needs a selector: secondsBelowDesired[kind/name or name]
            """)
    @DisplayName("a bad expression names the column and what was expected there")
    void rejects(String name, String text, int column, String detail) {
        GateSyntaxException e = assertThrows(GateSyntaxException.class, () -> GateExpression.parse(text));
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(detail, e.detail());
        assertTrue(e.getMessage().endsWith("(quantities: errorRatio[service]?, failed[service]?, "
                + "outageSeconds[service]?, p99Ms[service]?, minAvailable[kind/name or name], "
                + "secondsBelowDesired[kind/name or name], rolloutSeconds[deployment]?, pendingSeconds, "
                + "action[KIND TARGET or index].(errorRatio[service]?|failed[service]?|outageSeconds[service]?|"
                + "p99Ms[service]?|minAvailable[kind/name or name]|secondsBelowDesired[kind/name or name]|evictions|"
                + "pendingPodSeconds))"), e.getMessage());
        assertTrue(e.getMessage().startsWith("\"" + text + "\": column " + column + ": "), e.getMessage());
    }
}
