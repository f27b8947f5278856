package io.kubesim.scenarios.scenario;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.gate.GateExpression;
import io.kubesim.scenarios.gate.GateSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gates:}, a list of gate expressions ({@link GateExpression}) that {@code kubesim run}
 * checks after the run, as if each were given with {@code --fail-on}. A gate that does not parse
 * is an error at its list item, naming the column inside the expression.
 */
final class GatesReader {
    private GatesReader() {
    }

    static List<GateExpression> read(ScenarioNode gates) {
        if (!gates.isPresent()) {
            return List.of();
        }
        List<GateExpression> out = new ArrayList<>();
        for (ScenarioNode item : gates.items()) {
            String text = item.nonEmptyText();
            try {
                out.add(GateExpression.parse(text));
            } catch (GateSyntaxException e) {
                throw item.error("gate " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
