package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code kubesim explain --action N} or {@code --rollout DEPLOYMENT}: what the controllers did in an action's window. */
public final class ActionExplainer {
    private ActionExplainer() {
    }

    /** The N-th timeline action (1-based, in summary.json {@code actions[]} order). */
    public static Explanation explainAction(RunRecord run, int n) {
        JsonNode actions = run.summary().path("actions");
        if (n < 1 || n > actions.size()) {
            throw new RunRecordException("--action " + n + ": the run has " + actions.size()
                    + " timeline action" + (actions.size() == 1 ? "" : "s") + " (1.." + actions.size() + ")");
        }
        return explain(run, actions.get(n - 1));
    }

    /** The first rollout of {@code deployment} on the timeline. */
    public static Explanation explainRollout(RunRecord run, String deployment) {
        List<String> rollouts = new ArrayList<>();
        for (JsonNode a : run.summary().path("actions")) {
            if (a.path("kind").asText().equals("rollout")) {
                if (a.path("target").asText().equals(deployment)) {
                    return explain(run, a);
                }
                rollouts.add(a.path("target").asText());
            }
        }
        throw new RunRecordException("--rollout " + deployment + ": no rollout of it on the timeline"
                + (rollouts.isEmpty() ? " (the run has no rollout)" : " (rollouts: " + String.join(", ", rollouts) + ")"));
    }

    private static Explanation explain(RunRecord run, JsonNode action) {
        double start = action.path("start").asDouble();
        double end = action.path("end").asDouble();
        List<Explanation.Step> steps = new ArrayList<>();
        for (JsonNode e : run.events()) {
            double t = e.path("time").asDouble();
            if (t >= start && t <= end && e.path("reason").asText().equals("ScalingReplicaSet")) {
                steps.add(new Explanation.Step(t, e.path("message").asText()));
            }
        }
        return new Explanation(action.path("kind").asText() + " " + action.path("target").asText(), steps, List.of());
    }
}
