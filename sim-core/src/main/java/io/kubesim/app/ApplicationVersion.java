package io.kubesim.app;

import io.kubesim.api.Container;
import io.kubesim.api.ImageReference;
import io.kubesim.cluster.Pod;

/**
 * How one version of a workload's application behaves: the model of the pods whose template
 * matches, by one of its app containers' image ({@code nginx} and
 * {@code docker.io/library/nginx:latest} are the same image), or by a label or an annotation of
 * the pod template. A rollout to a new image brings the new version's behaviour with the new
 * pods; the old pods keep theirs.
 *
 * @param image      the image reference to match, or null
 * @param label      {@code key=value} of a pod label to match, or null
 * @param annotation {@code key=value} of a pod annotation to match, or null
 * @param model      the version's model: the workload's, field by field overridden
 */
public record ApplicationVersion(String image, String label, String annotation, ApplicationModel model) {
    public ApplicationVersion {
        int keys = (image == null ? 0 : 1) + (label == null ? 0 : 1) + (annotation == null ? 0 : 1);
        if (keys != 1) {
            throw new IllegalArgumentException("a version matches by exactly one of image, label and annotation");
        }
    }

    /** Whether {@code pod} is of this version. */
    public boolean matches(Pod pod) {
        if (image != null) {
            String wanted = ImageReference.normalized(image);
            for (Container c : pod.spec().containers()) {
                if (ImageReference.normalized(c.image()).equals(wanted)) {
                    return true;
                }
            }
            return false;
        }
        String pair = label != null ? label : annotation;
        int eq = pair.indexOf('=');
        String key = pair.substring(0, eq);
        String value = pair.substring(eq + 1);
        java.util.Map<String, String> values = label != null ? pod.metadata().labels() : pod.metadata().annotations();
        return value.equals(values.get(key));
    }

    /** What the version matches on, as the scenario names it: {@code image=...}, {@code label=k=v} ... */
    public String describe() {
        return image != null ? "image " + image : label != null ? "label " + label : "annotation " + annotation;
    }
}
