package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.Container;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ContainerStatus;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CrashLoopBackOff as the kubelet applies it (k8s-semantics.md 4.2), observed end to end. */
class RestartBackoffTest {

    @Test
    @DisplayName("a container that crashes 5 s after each start waits 0, 10, 20, 40, 80, 160, 300, 300 s between runs")
    void backoffSequence() {
        ApplicationModel crashing = ApplicationModel.DEFAULT
                .withCrashAfter(new DurationDistribution.Constant(SimTime.seconds(5)));
        ControllerHarness h = new ControllerHarness().app(crashing).start();
        Container c = Container.of("app", "example/crash:1", Resources.of(10, 1 << 20));
        PodTemplate t = new PodTemplate(Map.of("app", "crash"), Map.of(), PodSpec.of(List.of(c)));
        h.create(new Manifest.DeploymentManifest("default", "crash", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "crash")), t, 1, ControllerHarness.rolling("25%", "25%"), 0, 10, 600,
                false, Manifest.Origin.UNKNOWN));
        h.runFor(SimTime.minutes(30));

        List<Long> starts = new ArrayList<>();
        for (ClusterEvent e : h.events.events()) {
            if (e.reason().equals("Started")) {
                starts.add(e.time());
            }
        }
        // Each run lasts 5 s and a start takes 0.2 s (containerStartTime) after the back-off.
        long run = SimTime.seconds(5) + SimTime.millis(200);
        long[] expectedWaits = {0, 10, 20, 40, 80, 160, 300, 300};
        for (int i = 0; i < expectedWaits.length; i++) {
            long gap = starts.get(i + 1) - starts.get(i);
            assertEquals(run + SimTime.seconds(expectedWaits[i]), gap, "gap before restart " + (i + 1));
        }
        Pod pod = h.store.pods().list().iterator().next();
        ContainerStatus status = pod.containerStatus("app");
        assertEquals(starts.size() - 1, status.restartCount());
        assertEquals(starts.size() - 1, h.counters.get("container_restarts"));
        assertEquals(true, h.events.count("BackOff") >= 7, "a BackOff warning for every delayed restart");
    }
}
