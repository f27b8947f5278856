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
 */
public record RollbackOn(double errorRatio, double p99Ms, long holdFor, boolean progressDeadlineExceeded,
                         long reactionDelay) {
    public RollbackOn {
        if (errorRatio < 0 || errorRatio > 1 || p99Ms < 0 || holdFor < 0 || reactionDelay < 0) {
            throw new IllegalArgumentException("invalid rollbackOn");
        }
    }
}
