package io.kubesim.scheduler.plugins;

import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The FailedScheduling text (k8s-semantics.md 3.7, upstream FitError.Error):
 * {@code 0/N nodes are available: } then the PreFilter message, or each reason counted over all
 * nodes as {@code "count reason"} sorted lexicographically ("10 X" before "2 Y") and joined with
 * ", ", then ".", then a space and the PostFilter message when there is one.
 */
public final class FailureMessage {
    private FailureMessage() {
    }

    public static String fitError(int numAllNodes, String preFilterMessage, Iterable<Status> nodeStatuses,
                                  String postFilterMessage) {
        StringBuilder sb = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
        if (!preFilterMessage.isEmpty()) {
            sb.append(' ').append(preFilterMessage).append('.');
        } else {
            Map<String, Integer> counts = new TreeMap<>();
            for (Status s : nodeStatuses) {
                for (String r : s.reasons()) {
                    counts.merge(r, 1, Integer::sum);
                }
            }
            List<String> parts = new ArrayList<>(counts.size());
            counts.forEach((reason, n) -> parts.add(n + " " + reason));
            Collections.sort(parts);
            if (!parts.isEmpty()) {
                sb.append(' ').append(String.join(", ", parts)).append('.');
            }
        }
        if (!postFilterMessage.isEmpty()) {
            sb.append(' ').append(postFilterMessage);
        }
        return sb.toString();
    }
}
