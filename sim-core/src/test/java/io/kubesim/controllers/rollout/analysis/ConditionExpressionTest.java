package io.kubesim.controllers.rollout.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Metric conditions (k8s-semantics.md 20.6): the subset of expr-lang kubesim evaluates, with
 * {@code result} the measurement as a vector. Examples from the Argo Rollouts docs first.
 */
class ConditionExpressionTest {
    private static double[] vector(String written) {
        if (written.isBlank()) {
            return new double[0];
        }
        return Arrays.stream(written.split(" ")).mapToDouble(s -> switch (s) {
            case "NaN" -> Double.NaN;
            case "Inf" -> Double.POSITIVE_INFINITY;
            default -> Double.parseDouble(s);
        }).toArray();
    }

    @ParameterizedTest(name = "{0} with result [{1}] is {2}")
    @CsvSource(delimiter = ';', value = {
            // The Argo Rollouts documentation's examples.
            "result[0] >= 0.95                         ; 0.97     ; true",
            "result[0] >= 0.95                         ; 0.94     ; false",
            "result[0] < 0.05 || isNaN(result[0])      ; NaN      ; true",
            "result[0] < 0.05 || isNaN(result[0])      ; 0.2      ; false",
            "len(result) == 0 || result[0] < 1         ; ''       ; true",
            "len(result) == 0 || result[0] < 1         ; 3        ; false",
            "result == 200                             ; 200      ; true",
            // Comparisons with NaN are false, except != (IEEE 754, as in Go).
            "result[0] >= 0.95                         ; NaN      ; false",
            "result[0] < 0.95                          ; NaN      ; false",
            "result[0] == result[0]                    ; NaN      ; false",
            "result[0] != 1                            ; NaN      ; true",
            // Operators, precedence and the word forms.
            "result[0] > 0 and result[0] < 1           ; 0.5      ; true",
            "not (result[0] > 1) or false              ; 0.5      ; true",
            "!(result[0] > 1) && result[1] <= 2        ; 0.5 3    ; false",
            "result[0] + result[1] * 2 == 7            ; 1 3      ; true",
            "(result[0] + result[1]) * 2 == 8          ; 1 3      ; true",
            "result[0] / result[1] > 100               ; 1 0      ; true",
            "-result[0] < -1.5e-1                      ; 0.2      ; true",
            "isInf(result[0] / 0)                      ; 1        ; true",
            "isInf(result[0])                          ; Inf      ; true",
            "result[len(result) - 1] >= 10             ; 1 2 10   ; true",
            "(result[0] >= 0.95) == true                ; 0.99     ; true",
    })
    @DisplayName("supported expressions evaluate as expr-lang does")
    void evaluates(String expression, String result, boolean expected) {
        assertEquals(expected, ConditionExpression.parse(expression).evaluate(vector(result)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "asInt(result) > 3             | \"asInt\" is not supported",
            "result.value > 3              | fields of result (result.x) are not supported",
            "result[0] >=                  | it ends where a value is expected",
            "result[0] >= 0.95)            | unexpected \")\" at column 18",
            "(result[0] >= 0.95            | expected \")\" at column 19, got the end",
            "result[0] in [1, 2]           | unexpected \"in\" at column 11",
            "result[0] ?? 0                | unexpected \"?\" at column 11",
            "'default(result[0], 0) > 1'   | \"default\" is not supported",
    })
    @DisplayName("anything else is refused at parse time, naming what is supported")
    void unsupported(String expression, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConditionExpression.parse(expression));
        assertEquals("condition \"" + expression + "\" cannot be evaluated by kubesim: " + why + " (supported: "
                + ConditionExpression.SUPPORTED + ")", e.getMessage());
    }

    @ParameterizedTest(name = "{0} with result [{1}]")
    @CsvSource(delimiter = '|', value = {
            "result[1] > 0        | 0.5     | index out of range",
            "result[0] > 0        | ''      | index out of range",
            "result[0.5] > 0      | 1 2     | index out of range",
            "result > 0           | 1 2     | result has 2 values where one number is needed (write result[0])",
            "result[0] + 1        | 1       | condition \"result[0] + 1\" gives the number 2.0, not true or false",
    })
    @DisplayName("what fails on a measurement is an IllegalStateException (the measurement is an Error)")
    void evaluationErrors(String expression, String result, String message) {
        ConditionExpression c = ConditionExpression.parse(expression);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.evaluate(vector(result)));
        assertEquals(message, e.getMessage());
        assertTrue(c.text().equals(expression));
    }
}
