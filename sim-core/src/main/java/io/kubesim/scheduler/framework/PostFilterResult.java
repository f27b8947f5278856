package io.kubesim.scheduler.framework;

import io.kubesim.cluster.Pod;
import java.util.List;

/**
 * What a PostFilter plugin decided after no node fit: on success the node to nominate and the
 * victims to evict there; otherwise a rejecting status whose message joins the FailedScheduling
 * text, and whether the pod's existing nomination should be cleared.
 */
public record PostFilterResult(Status status, String nominatedNode, List<Pod> victims, boolean clearNomination) {
    public PostFilterResult {
        victims = List.copyOf(victims);
    }

    /** Not helpful: keep the status message, nominate nothing. */
    public static PostFilterResult rejected(Status status, boolean clearNomination) {
        return new PostFilterResult(status, "", List.of(), clearNomination);
    }

    public static PostFilterResult nominate(String node, List<Pod> victims) {
        return new PostFilterResult(Status.SUCCESS, node, victims, false);
    }
}
