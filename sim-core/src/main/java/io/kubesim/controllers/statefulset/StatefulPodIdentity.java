package io.kubesim.controllers.statefulset;

import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StatefulSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * A StatefulSet pod's identity (k8s-semantics.md 11.2, stateful_set_utils.go): its name
 * {@code <set>-<ordinal>}, the ordinal read back from a name with {@code (.*)-([0-9]+)$}, and the
 * labels the controller adds to the template's.
 */
public final class StatefulPodIdentity {
    public static final String LABEL_POD_NAME = "statefulset.kubernetes.io/pod-name";
    public static final String LABEL_POD_INDEX = "apps.kubernetes.io/pod-index";
    public static final String LABEL_REVISION = "controller-revision-hash";

    private StatefulPodIdentity() {
    }

    /** getPodName: {@code web}, 2 → {@code web-2}. */
    public static String podName(StatefulSet set, int ordinal) {
        return set.name() + "-" + ordinal;
    }

    /**
     * getOrdinal: the ordinal of a pod of this set, or -1 when its name does not parse or names
     * another set (such a pod is ignored).
     */
    public static int ordinal(StatefulSet set, Pod pod) {
        return ordinal(set.name(), pod.name());
    }

    /**
     * {@link #ordinal(StatefulSet, Pod)} by names, without a regular expression (a sync reads every
     * pod's ordinal): what {@code (.*)-([0-9]+)$} reads, as {@code .*} is greedy, is the name up to
     * its last '-' and the ASCII digits after it, at least one.
     */
    static int ordinal(String setName, String podName) {
        int dash = podName.lastIndexOf('-');
        int digits = podName.length() - dash - 1;
        if (dash != setName.length() || digits < 1 || digits > 9 || !podName.startsWith(setName)) {
            return -1;
        }
        int ordinal = 0;
        for (int i = dash + 1; i < podName.length(); i++) {
            char c = podName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            ordinal = ordinal * 10 + (c - '0');
        }
        return ordinal;
    }

    /** The ControllerRevision name in the pod's {@code controller-revision-hash} label, or "". */
    public static String revision(Pod pod) {
        String r = pod.metadata().labels().get(LABEL_REVISION);
        return r == null ? "" : r;
    }

    /** The template's labels plus the identity and revision labels. */
    static Map<String, String> labels(Map<String, String> templateLabels, String podName, int ordinal,
                                      String revision, boolean podIndexLabel) {
        Map<String, String> labels = new TreeMap<>(templateLabels);
        labels.put(LABEL_POD_NAME, podName);
        if (podIndexLabel) {
            labels.put(LABEL_POD_INDEX, Integer.toString(ordinal));
        }
        labels.put(LABEL_REVISION, revision);
        return labels;
    }
}
