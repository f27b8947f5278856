package io.kubesim.controllers.rollout;

import io.kubesim.api.CanaryStep;
import io.kubesim.api.Container;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.api.RolloutSpec;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.api.ServicePort;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixtures: Argo Rollouts of an app {@code web} with a readiness probe, on 3 roomy nodes. */
final class ArgoRollouts {
    private ArgoRollouts() {
    }

    static PodTemplate template(String image) {
        Probe readiness = new Probe("httpGet :8080/ready", 0, 1, 1, 1, 3, null);
        Container c = new Container("web", image, Resources.of(100, 128L << 20), Resources.NONE, List.of(), null,
                readiness, null, null, false);
        return new PodTemplate(Map.of("app", "web"), Map.of(), PodSpec.of(List.of(c)));
    }

    static RolloutStrategy.Canary basicCanary(List<CanaryStep> steps) {
        return new RolloutStrategy.Canary(steps, RolloutStrategy.Canary.DEFAULT_MAX_SURGE,
                RolloutStrategy.Canary.DEFAULT_MAX_UNAVAILABLE, null, null, null, null, null, false, null, null);
    }

    static RolloutStrategy.Canary canary(List<CanaryStep> steps, IntOrPercent surge, IntOrPercent unavailable) {
        return new RolloutStrategy.Canary(steps, surge, unavailable, null, null, null, null, null, false, null, null);
    }

    static Manifest.RolloutManifest rollout(int replicas, RolloutStrategy strategy) {
        RolloutSpec spec = new RolloutSpec(replicas, LabelSelector.of(Map.of("app", "web")), template("web:1"), null, 0,
                RolloutSpec.DEFAULT_REVISION_HISTORY_LIMIT, RolloutSpec.DEFAULT_PROGRESS_DEADLINE_SECONDS, false, false,
                strategy);
        return new Manifest.RolloutManifest("default", "web", Map.of(), Map.of(), spec, Manifest.Origin.UNKNOWN);
    }

    static Manifest.ServiceManifest service(String name) {
        return new Manifest.ServiceManifest("default", name, Map.of(), Map.of("app", "web"),
                List.of(new ServicePort("http", 80, "8080", "TCP", 0)), "ClusterIP", false, false,
                Manifest.Origin.UNKNOWN);
    }

    /** A release of web:2 at {@code releaseAt}, then the timeline's other actions. */
    static SimulationSpec spec(List<Manifest> manifests, long duration, List<TimelineAction> more) {
        List<TimelineAction> timeline = new ArrayList<>();
        timeline.add(new TimelineAction.Rollout(SimTime.seconds(60), "web", Map.of("web", "web:2"),
                TimelineAction.Rollout.ARGO_ROLLOUT));
        timeline.addAll(more);
        timeline.sort(java.util.Comparator.comparingLong(TimelineAction::at));
        NodePool pool = new NodePool("n", 3, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"));
        return new SimulationSpec("argo", 3, duration, SimTime.seconds(1), List.of(pool), manifests, Map.of(),
                ApplicationModel.DEFAULT, timeline);
    }

    /** A run kept for assertions. */
    record Run(ClusterSimulation sim) {
        static Run of(SimulationSpec spec) {
            ClusterSimulation s = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
            return new Run(s);
        }

        void until(long t) {
            sim.run(t);
        }

        Rollout rollout() {
            return sim.store().rollouts().get("default/web");
        }

        /** spec.replicas of the ReplicaSet running {@code image}, 0 when there is none. */
        int replicas(String image) {
            for (ReplicaSet rs : sim.store().replicaSets().list()) {
                if (rs.template().spec().containers().get(0).image().equals(image)) {
                    return rs.replicas();
                }
            }
            return 0;
        }

        List<ClusterEvent> events(String reason) {
            return sim.events().events().stream().filter(e -> e.reason().equals(reason)).toList();
        }
    }
}
