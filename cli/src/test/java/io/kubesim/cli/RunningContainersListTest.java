package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.kubelet.Kubelets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each node keeps the list of its running containers as they start and end, in the kubelet's
 * order, and a housekeeping pass starts from a copy of it instead of walking every pod. Checked
 * here against the walk at every pass, on library scenarios where containers restart, are
 * OOM-killed, evicted, preempted, lost with their node, run to completion, or are sidecars: a
 * difference fails the run.
 */
class RunningContainersListTest {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @AfterEach
    void restore() {
        Kubelets.checkRunningContainers(false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noisy-neighbour.yaml", "noisy-neighbour-limits.yaml", "crashloop-backoff.yaml",
            "node-failure.yaml", "statefulset-node-failure.yaml", "drain-no-pdb.yaml", "preemption.yaml",
            "cronjob-burst.yaml", "daemonset-overhead.yaml", "opentelemetry-demo.yaml", "image-pull-backoff.yaml",
            "hpa-target-95.yaml", "rolling-update.yaml", "cluster-autoscaler-burst.yaml"})
    @DisplayName("the kept list of running containers is what a walk over the pods finds, at every pass")
    void keptListMatchesTheWalk(String scenario) {
        Kubelets.checkRunningContainers(true);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out",
                tmp.resolve(scenario).toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
    }
}
