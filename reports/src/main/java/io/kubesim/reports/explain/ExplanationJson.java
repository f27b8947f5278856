package io.kubesim.reports.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Explanation} for tools: {@code {"subject":...,"steps":[{"time":s,"at":"m:ss.s","text":...,
 * "detail":[...],"facts":{...}}],"conclusions":[...]}}, keys in this order.
 */
public final class ExplanationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExplanationJson() {
    }

    public static String render(Explanation e) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("subject", e.subject());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Explanation.Step s : e.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("time", s.time());
            step.put("at", ExplainTime.format(s.time()));
            step.put("text", s.text());
            if (!s.detail().isEmpty()) {
                step.put("detail", s.detail());
            }
            if (!s.facts().isEmpty()) {
                step.put("facts", s.facts());
            }
            steps.add(step);
        }
        root.put("steps", steps);
        root.put("conclusions", e.conclusions());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("explanation is not serializable", ex);
        }
    }
}
