package io.kubesim.capacity;

import io.kubesim.api.Resources;

/**
 * A machine type the planner may size the pool with.
 *
 * @param name        a name for outputs and the {@code node.kubernetes.io/instance-type} label ("" for none)
 * @param allocatable what each node offers pods
 * @param maxPods     pods per node
 * @param price       the cost of one node per hour in any currency, or NaN when not given
 */
public record NodeShape(String name, Resources allocatable, int maxPods, double price) {
    public boolean hasPrice() {
        return !Double.isNaN(price);
    }
}
