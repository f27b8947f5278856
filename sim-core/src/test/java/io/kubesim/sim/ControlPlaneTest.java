package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The control plane starts controllers as kube-controller-manager does from its table: in table
 * order, each once, only those the scenario enables, watchers before the objects exist and
 * listers after; each reports its own result section.
 */
class ControlPlaneTest {
    private static SimulationSpec spec(List<TimelineAction> timeline) {
        List<NodePool> pools = List.of(new NodePool("n", 1, Resources.of(4000, 8L << 30), 110, Map.of(), List.of(),
                List.of("a")));
        return new SimulationSpec("table", 1, SimTime.minutes(1), SimTime.seconds(1), pools, List.of(), Map.of(),
                ApplicationModel.DEFAULT, timeline);
    }

    private static ControllerContext context(SimulationSpec spec) {
        return new ControllerContext(spec, null, null, null, null, null, null, null, Map.of(), null, null, null);
    }

    @Test
    @DisplayName("each stage starts its enabled controllers in table order, once")
    void startsInTableOrder() {
        List<String> started = new ArrayList<>();
        ControlPlane plane = new ControlPlane(List.of(
                recording("a", started, true),
                recording("late", started, true).listing(),
                recording("off", started, false),
                recording("b", started, true)));
        ControllerContext c = context(spec(List.of()));
        plane.start(ControllerDescriptor.Stage.WATCHING, c);
        assertEquals(List.of("a", "b"), started);
        plane.start(ControllerDescriptor.Stage.LISTING, c);
        assertEquals(List.of("a", "b", "late"), started);
    }

    @Test
    @DisplayName("each running controller writes its own section; a section without a controller stays empty")
    void reportsBySection() {
        ControlPlane plane = new ControlPlane(List.of(ControllerDescriptor.always("quota", c -> new RunningController() {
            @Override
            public void report(ControllerReports reports, long now) {
                reports.quotas(List.of(new SimulationResult.QuotaUsage("q", Map.of("pods", "2"), Map.of("pods", "1"),
                        Map.of("pods", "2"), now)));
            }
        })));
        plane.start(ControllerDescriptor.Stage.WATCHING, context(spec(List.of())));
        ControllerReports reports = plane.report(7);
        assertEquals(7, reports.quotas().get(0).podsRefused());
        assertTrue(reports.hpas().isEmpty());
        assertEquals(null, reports.clusterAutoscaler());
    }

    @Test
    @DisplayName("the table names each controller once")
    void namesAreUnique() {
        Set<String> names = new HashSet<>();
        for (ControllerDescriptor d : ControllerTable.descriptors()) {
            assertTrue(names.add(d.name()), d.name());
        }
    }

    @Test
    @DisplayName("a scenario without quotas, gates, HPAs, autoscaler or node failures runs only the core controllers")
    void optionalControllersStayOut() {
        assertEquals(List.of("replicaset", "deployment", "podgc", "disruption", "nodelifecycle", "endpointslice"),
                enabled(spec(List.of())));
        assertTrue(enabled(spec(List.of(new TimelineAction.FailZone(SimTime.seconds(10), "a"))))
                .contains("taint-eviction-controller"), "a node failure taints nodes NoExecute");
    }

    private static List<String> enabled(SimulationSpec spec) {
        List<String> out = new ArrayList<>();
        for (ControllerDescriptor d : ControllerTable.descriptors()) {
            if (d.enabled().test(spec)) {
                out.add(d.name());
            }
        }
        return out;
    }

    private static ControllerDescriptor recording(String name, List<String> started, boolean enabled) {
        return ControllerDescriptor.when(name, s -> enabled, c -> RunningController.started(() -> started.add(name)));
    }
}
