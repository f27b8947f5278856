package io.kubesim.sim;

import io.kubesim.metrics.Sampler;
import java.util.ArrayList;
import java.util.List;

/**
 * The controllers of one run, started from the table in its order: what kube-controller-manager's
 * StartControllers does. Start order matters: it is the order of the controllers' watches, so of
 * the engine events a change schedules.
 */
final class ControlPlane {
    private final List<ControllerDescriptor> table;
    private final List<RunningController> running = new ArrayList<>();

    ControlPlane(List<ControllerDescriptor> table) {
        this.table = List.copyOf(table);
    }

    /** Starts, in table order, every controller of {@code stage} the scenario enables. */
    void start(ControllerDescriptor.Stage stage, ControllerContext context) {
        for (ControllerDescriptor d : table) {
            if (d.stage() == stage && d.enabled().test(context.spec())) {
                running.add(d.init().apply(context));
            }
        }
    }

    void addGauges(Sampler sampler) {
        for (RunningController c : running) {
            c.addGauges(sampler);
        }
    }

    ControllerReports report(long now) {
        ControllerReports reports = new ControllerReports();
        for (RunningController c : running) {
            c.report(reports, now);
        }
        return reports;
    }
}
