package io.kubesim.reports.explain;

import java.util.List;
import java.util.Map;

/**
 * What {@code kubesim explain} answers: a subject (the pod, action or service asked about), the
 * steps that led to the outcome in time order, and conclusions (the cause, and what would have
 * avoided it). Rendered as text for people ({@link ExplanationText}) and JSON for tools
 * ({@link ExplanationJson}).
 */
public record Explanation(String subject, List<Step> steps, List<String> conclusions) {
    /**
     * One step: when, one sentence, and the facts behind it (insertion-ordered).
     *
     * @param time   seconds of virtual time
     * @param detail indented lines under the step (e.g. each node's filter verdict); may be empty
     */
    public record Step(double time, String text, List<String> detail, Map<String, Object> facts) {
        public Step(double time, String text) {
            this(time, text, List.of(), Map.of());
        }
    }
}
