package io.kubesim.scenarios.scenario;

import io.kubesim.controllers.ReadinessGateController;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code readinessGates}: the gate types (a pod's {@code spec.readinessGates[].conditionType})
 * that a controller outside the cluster sets, each with the {@code delay} from the pod's
 * ContainersReady until it is set, a duration or a distribution.
 */
final class DeclaredReadinessGatesReader {
    private DeclaredReadinessGatesReader() {
    }

    static List<ReadinessGateController.Gate> read(ScenarioNode n) {
        if (!n.isPresent()) {
            return List.of();
        }
        List<ReadinessGateController.Gate> gates = new ArrayList<>();
        for (Map.Entry<String, ScenarioNode> e : n.entries().entrySet()) {
            if (e.getKey().isBlank()) {
                throw e.getValue().errorAtKey("expected a readiness gate's conditionType, e.g. "
                        + "cloud.google.com/load-balancer-neg-ready");
            }
            ScenarioNode gate = e.getValue().object("ReadinessGate");
            gates.add(new ReadinessGateController.Gate(e.getKey(), DistributionReader.read(gate.required("delay"))));
        }
        return gates;
    }
}
