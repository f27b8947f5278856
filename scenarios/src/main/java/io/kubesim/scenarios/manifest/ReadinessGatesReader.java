package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.PodReadinessGate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code spec.readinessGates} (k8s-semantics.md 16.6). Each gate names a pod condition that
 * some controller outside the kubelet sets; kubesim runs no such controller, so the reader warns
 * once for each gate type of a pod spec, at the gate, naming it: its pods never become Ready unless
 * the scenario declares the gates (scenario {@code readinessGates}). A scenario that does drops
 * the warning for the gates it declares ({@link #isWarningAbout}).
 */
public final class ReadinessGatesReader {
    private static final String WARNING_PREFIX = "readiness gate ";

    private ReadinessGatesReader() {
    }

    static List<String> read(ObjectContext ctx, String pointer, List<PodReadinessGate> gates) {
        if (gates == null || gates.isEmpty()) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < gates.size(); i++) {
            String type = gates.get(i) == null ? null : gates.get(i).getConditionType();
            if (type == null || type.isEmpty()) {
                throw ctx.errorAtKey(pointer + "/" + i, "a readiness gate needs a conditionType");
            }
            types.add(type);
        }
        for (String type : types) {
            ctx.warn(pointer + "/" + firstIndex(gates, type) + "/conditionType", warning(type));
        }
        return new ArrayList<>(types);
    }

    /** The warning for one gate type. */
    static String warning(String type) {
        return WARNING_PREFIX + "\"" + type + "\": no controller in kubesim sets this pod condition, so its pods "
                + "never become Ready (no Service traffic, counted unavailable); declare it under the scenario's "
                + "readinessGates to have it set after a delay";
    }

    /** Whether a loader warning is the one about {@code type}'s gate. */
    public static boolean isWarningAbout(String message, String type) {
        return message.equals(warning(type));
    }

    private static int firstIndex(List<PodReadinessGate> gates, String type) {
        for (int i = 0; i < gates.size(); i++) {
            if (type.equals(gates.get(i).getConditionType())) {
                return i;
            }
        }
        return 0;
    }
}
