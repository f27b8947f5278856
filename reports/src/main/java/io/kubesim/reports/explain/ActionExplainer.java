package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubesim explain --action N} or {@code --rollout DEPLOYMENT}: what the controllers did in
 * an action's window (summary.json {@code actions[]} start to end). A Deployment rollout is walked
 * step by step from the deployment controller's decisions ({@link RolloutWalk}); any other action,
 * or a rollout the run has no decisions for, from the window's events and decisions
 * ({@link WindowWalk}). Both end with the action's cost.
 */
public final class ActionExplainer {
    private ActionExplainer() {
    }

    /** The N-th timeline action (1-based, in summary.json {@code actions[]} order). */
    public static Explanation explainAction(RunRecord run, int n) {
        JsonNode actions = run.summary().path("actions");
        if (n < 1 || n > actions.size()) {
            throw new RunRecordException("--action " + n + ": the run has " + actions.size()
                    + " timeline action" + (actions.size() == 1 ? "" : "s")
                    + (actions.isEmpty() ? "" : " (1.." + actions.size() + ")"));
        }
        return explain(run, actions.get(n - 1), n - 1);
    }

    /** The first rollout of {@code deployment} on the timeline. */
    public static Explanation explainRollout(RunRecord run, String deployment) {
        List<String> rollouts = new ArrayList<>();
        JsonNode actions = run.summary().path("actions");
        for (int i = 0; i < actions.size(); i++) {
            JsonNode a = actions.get(i);
            if (a.path("kind").asText().equals("rollout")) {
                if (a.path("target").asText().equals(deployment)) {
                    return explain(run, a, i);
                }
                rollouts.add(a.path("target").asText());
            }
        }
        throw new RunRecordException("--rollout " + deployment + ": no rollout of it on the timeline"
                + (rollouts.isEmpty() ? " (the run has no rollout)" : " (rollouts: " + String.join(", ", rollouts) + ")"));
    }

    private static Explanation explain(RunRecord run, JsonNode action, int index) {
        if (action.path("kind").asText().equals("rollout")) {
            Explanation e = RolloutWalk.explain(run, action, index);
            if (e != null) {
                return e;
            }
        }
        return WindowWalk.explain(run, action, index);
    }
}
