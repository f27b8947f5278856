package io.kubesim.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * The planner's answer for one node shape: the smallest node count that met the SLO in every
 * failure case, or none within the bounds searched, with every run made on the way.
 *
 * @param shape   the machine type (the pool's own shape when none was given)
 * @param nodes   the smallest passing count, or -1 when even {@code maxNodes} failed
 * @param minNodes the lowest count searched
 * @param maxNodes the highest count the search was allowed
 * @param runs    every run, in the order the search made them
 * @param verdicts each failure case's verdict at each size tried, judged over its replications
 * @param monotonicity null when the size above the answer passed too (or none was tried), else what broke the
 *                     search's assumption that more nodes never hurt
 * @param explanation what binds the answer: the SLO term that failed one node below it, in which failure case
 *                    and action; or, without an answer, why adding nodes does not help
 */
public record CapacityAnswer(NodeShape shape, int nodes, int minNodes, int maxNodes, List<CapacityRun> runs,
                             List<SizeVerdict> verdicts, String monotonicity, String explanation) {
    public CapacityAnswer {
        runs = List.copyOf(runs);
        verdicts = List.copyOf(verdicts);
    }

    /** An answer of runs alone (every run its own verdict). */
    public CapacityAnswer(NodeShape shape, int nodes, int minNodes, int maxNodes, List<CapacityRun> runs) {
        this(shape, nodes, minNodes, maxNodes, runs, runs.stream()
                .map(r -> new SizeVerdict(r.nodes(), r.failure(), r.violations())).toList(), null, null);
    }

    /** The same answer with its explanation. */
    public CapacityAnswer explained(String why) {
        return new CapacityAnswer(shape, nodes, minNodes, maxNodes, runs, verdicts, monotonicity, why);
    }

    /** The verdicts at {@code count} nodes, in failure-case order. */
    public List<SizeVerdict> verdictsAt(int count) {
        return verdicts.stream().filter(v -> v.nodes() == count).toList();
    }

    public boolean found() {
        return nodes > 0;
    }

    /** The price of the answer per hour ({@code nodes × price}); NaN without a price or an answer. */
    public double cost() {
        return found() && shape.hasPrice() ? nodes * shape.price() : Double.NaN;
    }

    /** The runs at {@code count} nodes, in failure-case order. */
    public List<CapacityRun> runsAt(int count) {
        List<CapacityRun> out = new ArrayList<>();
        for (CapacityRun r : runs) {
            if (r.nodes() == count) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The runs that justify the answer: those at the answer (all met the SLO) and those at one
     * node fewer (at least one did not), when that count was tried.
     */
    public List<CapacityRun> justification() {
        List<CapacityRun> out = new ArrayList<>();
        if (found()) {
            out.addAll(runsAt(nodes - 1));
            out.addAll(runsAt(nodes));
        } else {
            out.addAll(runsAt(maxNodes));
        }
        return out;
    }
}
