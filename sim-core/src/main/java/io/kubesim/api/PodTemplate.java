package io.kubesim.api;

import java.util.Map;
import java.util.TreeMap;

/** A pod template: the labels and annotations new pods get, and their spec. */
public record PodTemplate(Map<String, String> labels, Map<String, String> annotations, PodSpec spec) {
    public PodTemplate {
        labels = Collections2.sortedCopy(labels);
        annotations = Collections2.sortedCopy(annotations);
    }

    public PodTemplate withAnnotation(String key, String value) {
        Map<String, String> a = new TreeMap<>(annotations);
        a.put(key, value);
        return new PodTemplate(labels, a, spec);
    }

    public PodTemplate withLabel(String key, String value) {
        Map<String, String> l = new TreeMap<>(labels);
        l.put(key, value);
        return new PodTemplate(l, annotations, spec);
    }

    /** This template without the label {@code key}. */
    public PodTemplate withoutLabel(String key) {
        Map<String, String> l = new TreeMap<>(labels);
        l.remove(key);
        return new PodTemplate(l, annotations, spec);
    }

    public PodTemplate withSpec(PodSpec s) {
        return new PodTemplate(labels, annotations, s);
    }
}
