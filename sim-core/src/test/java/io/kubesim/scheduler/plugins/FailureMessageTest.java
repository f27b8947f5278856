package io.kubesim.scheduler.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FailedScheduling message format, k8s-semantics.md 3.7 (FitError.Error). */
class FailureMessageTest {
    @Test
    void countsAreSortedAsStringsSoTenComesBeforeTwo() {
        List<Status> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(Status.unschedulable("NodeResourcesFit", "Insufficient memory"));
        }
        statuses.add(Status.unschedulable("NodeResourcesFit", "Insufficient cpu"));
        statuses.add(Status.unschedulable("NodeResourcesFit", "Insufficient cpu"));
        assertEquals("0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu.",
                FailureMessage.fitError(12, "", statuses, ""));
    }

    @Test
    void aNodeWithSeveralReasonsCountsInEach() {
        List<Status> statuses = List.of(
                Status.of(io.kubesim.scheduler.framework.Code.UNSCHEDULABLE, "NodeResourcesFit",
                        "Insufficient cpu", "Insufficient memory"),
                Status.unresolvable("TaintToleration", "node(s) had untolerated taint(s)"));
        assertEquals("0/2 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, "
                        + "1 node(s) had untolerated taint(s). preemption: not eligible due to preemptionPolicy=Never.",
                FailureMessage.fitError(2, "", statuses, "preemption: not eligible due to preemptionPolicy=Never."));
    }

    @Test
    void aPreFilterMessageReplacesTheCounts() {
        assertEquals("0/3 nodes are available: something went wrong.",
                FailureMessage.fitError(3, "something went wrong", List.of(), ""));
    }
}
