package io.kubesim.controllers.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.CanaryStep;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.RolloutSpec;
import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Rollout that takes its template from a Deployment (workloadRef, k8s-semantics.md 20.7). */
class ArgoWorkloadRefTest {
    @ParameterizedTest(name = "scaleDown {0}: the Deployment ends with {1} replicas")
    @CsvSource({"never, 3", "onsuccess, 0", "progressively, 0"})
    void theReferencedDeploymentIsScaledDownAsScaleDownSays(String scaleDown, int deploymentReplicas) {
        LabelSelector selector = LabelSelector.of(Map.of("app", "web"));
        Manifest.DeploymentManifest d = new Manifest.DeploymentManifest("default", "web-deploy", Map.of(), Map.of(),
                selector, ArgoRollouts.template("web:1"), 3, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600, false,
                Manifest.Origin.UNKNOWN);
        RolloutSpec spec = new RolloutSpec(3, selector, ArgoRollouts.template("web:1"),
                new RolloutSpec.WorkloadRef("Deployment", "web-deploy", scaleDown), 0, 10, 600, false, false,
                ArgoRollouts.basicCanary(List.of(new CanaryStep.SetWeight(50))));
        Manifest.RolloutManifest r = new Manifest.RolloutManifest("default", "web", Map.of(), Map.of(), spec,
                Manifest.Origin.UNKNOWN);
        ArgoRollouts.Run run = ArgoRollouts.Run.of(ArgoRollouts.spec(List.of(ArgoRollouts.service("web"), d, r),
                SimTime.seconds(50), List.of()));
        run.until(SimTime.seconds(50));
        assertEquals(deploymentReplicas, run.sim().store().deployments().get("default/web-deploy").replicas());
        assertEquals("Healthy", run.rollout().phase());
        assertEquals(3, run.rollout().availableReplicas());
    }
}
