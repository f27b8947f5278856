package io.kubesim.sim;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.LifecycleHandler;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.api.ServicePort;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ServingModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;
import io.kubesim.traffic.RateSeries;
import java.util.List;
import java.util.Map;

/**
 * The seed's first failure pattern as a test fixture: a 4-replica Deployment {@code web} behind a
 * Service, readiness probed every 2 s, 200 requests per second from 30 s, rolled out at 2 min on
 * 3 nodes in 3 zones; the container's preStop hook is the variable.
 */
final class RolloutUnderTraffic {
    private RolloutUnderTraffic() {
    }

    /** The scenario with {@code preStop} (null: none), running for {@code duration} microseconds. */
    static SimulationSpec spec(String name, LifecycleHandler preStop, long duration) {
        Probe readiness = new Probe("httpGet :8080/ready", 0, 2, 1, 1, 3, null);
        Container c = new Container("web", "web:1", Resources.of(250, 256L << 20), Resources.NONE, List.of(), null,
                readiness, null, preStop, false);
        PodTemplate t = new PodTemplate(Map.of("app", "web"), Map.of(), PodSpec.of(List.of(c)));
        Manifest.DeploymentManifest web = new Manifest.DeploymentManifest("default", "web", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "web")), t, 4, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600, false,
                Manifest.Origin.UNKNOWN);
        Manifest.ServiceManifest svc = new Manifest.ServiceManifest("default", "web", Map.of(), Map.of("app", "web"),
                List.of(new ServicePort("http", 80, "8080", "TCP", 0)), "ClusterIP", false, false, Manifest.Origin.UNKNOWN);
        ServingModel serving = new ServingModel(50, 100, new DurationDistribution.Constant(SimTime.millis(20)),
                SimTime.seconds(10), 0, 1.0, true, List.of());
        ApplicationModel app = new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(2)),
                new DurationDistribution.Constant(SimTime.seconds(3)), new DurationDistribution.Constant(SimTime.millis(500)),
                null, DurationDistribution.Constant.ZERO, serving);
        NodePool pool = new NodePool("n", 3, Resources.of(4000, 16L << 30), 110, Map.of(), List.of(), List.of("a", "b", "c"));
        EntryPoint entry = new EntryPoint("web", "web", false, new ArrivalSpec.Rate(
                new RateSeries(new long[]{0, SimTime.seconds(30)}, new double[]{0, 200}), true));
        return new SimulationSpec(name, 9, duration, SimTime.seconds(1), List.of(pool),
                List.of(svc, web), Map.of("web", app), ApplicationModel.DEFAULT,
                List.of(new TimelineAction.Rollout(SimTime.minutes(2), "web", Map.of())))
                .withTraffic(List.of(entry), NetworkSpec.DEFAULT);
    }
}
