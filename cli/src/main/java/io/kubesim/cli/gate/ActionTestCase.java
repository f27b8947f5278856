package io.kubesim.cli.gate;

import io.kubesim.scenarios.gate.GateQuantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One timeline action as a JUnit testcase: named {@code action[KIND TARGET]} as gates name it,
 * its cost in one line (shown as the testcase's output in CI), failed when a gate on it tripped.
 * So a CI server lists every rollout, drain or failure of the run with what it cost, gated or not.
 */
public record ActionTestCase(String name, String cost, List<GateVerdict> tripped) {

    /** One case per entry of summary.json {@code actions}, in order, with the tripped gates that name it. */
    @SuppressWarnings("unchecked")
    public static List<ActionTestCase> from(Map<String, Object> summary, List<GateVerdict> verdicts) {
        Object list = summary.get("actions");
        if (!(list instanceof List<?> actions)) {
            return List.of();
        }
        List<ActionTestCase> cases = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Map<String, Object> a = (Map<String, Object>) actions.get(i);
            String name = a.get("kind") + " " + a.get("target");
            List<GateVerdict> tripped = new ArrayList<>();
            for (GateVerdict v : verdicts) {
                if (v.tripped() && v.gate().quantity() == GateQuantity.ACTION && names(v.gate().selector(), name, i + 1)) {
                    tripped.add(v);
                }
            }
            cases.add(new ActionTestCase("action[" + name + "]", cost(a), tripped));
        }
        return cases;
    }

    private static boolean names(String selector, String name, int position) {
        String sel = selector.trim().replaceAll(" +", " ");
        return sel.equals(name) || sel.equals(String.valueOf(position));
    }

    /** {@code 120s to 143s: 6827 requests, 881 failed, 0 evictions, 0 pending pod-seconds}. */
    private static String cost(Map<String, Object> a) {
        return a.get("start") + "s to " + a.get("end") + "s: " + a.get("requests") + " requests, "
                + a.get("failed") + " failed, " + a.get("evictions") + " evictions, "
                + a.get("pendingPodSeconds") + " pending pod-seconds";
    }
}
