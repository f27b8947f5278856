package io.kubesim.sim;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One entry of the control plane's table (kube-controller-manager's ControllerDescriptor): the
 * controller's name, whether the scenario needs it, when it starts and how.
 *
 * @param name    the controller's name, as kube-controller-manager's {@code --controllers} spells it
 * @param stage   when it starts
 * @param enabled whether the scenario needs it; a controller left out adds no engine events
 * @param init    starts it and returns what it reports
 */
public record ControllerDescriptor(String name, Stage stage, Predicate<SimulationSpec> enabled,
                                   Function<ControllerContext, RunningController> init) {

    /** When a controller starts relative to the scenario's objects. */
    public enum Stage {
        /** Before any node or manifest object exists: the controller learns everything through its watches. */
        WATCHING,
        /** Once the nodes and the manifests' objects exist: the controller lists them when it starts. */
        LISTING
    }

    /** A controller every scenario runs, learning through its watches. */
    public static ControllerDescriptor always(String name, Function<ControllerContext, RunningController> init) {
        return new ControllerDescriptor(name, Stage.WATCHING, spec -> true, init);
    }

    /** A controller that runs only when {@code enabled} says the scenario needs it. */
    public static ControllerDescriptor when(String name, Predicate<SimulationSpec> enabled,
                                            Function<ControllerContext, RunningController> init) {
        return new ControllerDescriptor(name, Stage.WATCHING, enabled, init);
    }

    /** The same controller started once the scenario's objects exist. */
    public ControllerDescriptor listing() {
        return new ControllerDescriptor(name, Stage.LISTING, enabled, init);
    }
}
