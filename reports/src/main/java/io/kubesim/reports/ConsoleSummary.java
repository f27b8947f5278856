package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.sim.SimulationResult;
import java.util.Locale;

/** The few lines {@code kubesim run} prints: what ran, how each Deployment fared, pod outcomes. */
public final class ConsoleSummary {
    private ConsoleSummary() {
    }

    public static String render(SimulationResult r, double wallSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "scenario %s (seed %d): %s simulated in %.2fs wall, %,d events%n",
                r.scenario(), r.seed(), SimTime.format(r.simulatedMicros()), wallSeconds, r.eventsProcessed()));
        for (DeploymentObserver.Stats s : r.deployments()) {
            sb.append(String.format(Locale.ROOT, "  deployment %-28s %d/%d available, min available %d, max pods %d",
                    s.displayName(), s.available(), s.deployment().replicas(), Math.max(0, s.minAvailableObserved()),
                    s.maxPodsObserved()));
            for (DeploymentObserver.Rollout ro : s.rollouts()) {
                if (ro.end() >= 0) {
                    sb.append(String.format(Locale.ROOT, "; rollout at %s took %s", SimTime.format(ro.start()),
                            SimTime.format(ro.end() - ro.start())));
                } else {
                    sb.append(String.format(Locale.ROOT, "; rollout at %s did not finish%s", SimTime.format(ro.start()),
                            ro.timedOut() ? " (ProgressDeadlineExceeded)" : ""));
                }
            }
            sb.append(System.lineSeparator());
        }
        SimulationResult.PodCounts p = r.pods();
        sb.append(String.format(Locale.ROOT, "  pods: %d scheduled, %d pending at end, %d restarts, %d evicted, %d preempted%n",
                p.scheduled(), p.pendingAtEnd(), p.restarts(), p.evicted(), p.preempted()));
        long failed = r.events().count("FailedScheduling");
        if (failed > 0) {
            sb.append(String.format(Locale.ROOT, "  %d FailedScheduling events (see events.jsonl)%n", failed));
        }
        return sb.toString();
    }
}
