package io.kubesim.sim;

/**
 * When a rollout is undone automatically, as a CD system (or the person on call) watching it
 * would: the Services in front of the Deployment fail more than {@code errorRatio} of their
 * requests, or their p99 exceeds {@code p99Ms}, in every sample interval for {@code holdFor}; or
 * the Deployment exceeds its progress deadline. The undo comes {@code reactionDelay} after the
 * condition is seen.
 *
 * @param errorRatio               failed / requests above which an interval is bad; 0: not watched
 * @param p99Ms                    served p99 in milliseconds above which an interval is bad; 0: not watched
 * @param holdFor                  how long intervals must stay bad (microseconds)
 * @param progressDeadlineExceeded undo when the Deployment's progress deadline is exceeded
 * @param reactionDelay            from the condition to the undo (microseconds)
 * @param bakeTime                 how long the watch goes on once the rollout is complete (microseconds;
 *                                 0: it ends with the rollout), as a CD system's bake or verification time
 */
public record RollbackOn(double errorRatio, double p99Ms, long holdFor, boolean progressDeadlineExceeded,
                         long reactionDelay, long bakeTime) {
    public RollbackOn {
        if (errorRatio < 0 || errorRatio > 1 || p99Ms < 0 || holdFor < 0 || reactionDelay < 0 || bakeTime < 0) {
            throw new IllegalArgumentException("invalid rollbackOn");
        }
    }

    /** A guard that ends with the rollout. */
    public RollbackOn(double errorRatio, double p99Ms, long holdFor, boolean progressDeadlineExceeded,
                      long reactionDelay) {
        this(errorRatio, p99Ms, holdFor, progressDeadlineExceeded, reactionDelay, 0);
    }
}
