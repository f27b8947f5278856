package io.kubesim.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit as JSON ({@code --format json}): summary, findings in audit order, and the rules. */
final class AuditJson {
    private AuditJson() {
    }

    static String render(AuditReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kubeVersion", "1." + r.kubeVersion());
        root.put("files", r.files());
        root.put("objects", r.objects());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            summary.put(s.label(), r.count(s));
        }
        root.put("summary", summary);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (int i = 0; i < r.findings().size(); i++) {
            Finding f = r.findings().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.rule().id());
            m.put("severity", f.severity().label());
            m.put("area", f.area().title());
            m.put("object", f.object());
            m.put("file", f.location().file());
            m.put("line", f.location().line());
            m.put("column", f.location().column());
            m.put("message", f.message());
            m.put("fix", f.fix());
            Impact impact = r.impact(i);
            if (impact != null) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("drill", impact.what());
                x.put("failed", impact.failed());
                x.put("outageSeconds", impact.outageSeconds());
                x.put("fix", impact.fixLabel());
                x.put("fixedFailed", impact.fixedFailed());
                x.put("fixedOutageSeconds", impact.fixedOutageSeconds());
                x.put("withinNoise", impact.withinNoise());
                m.put("simulated", x);
            }
            findings.add(m);
        }
        root.put("findings", findings);
        List<Map<String, Object>> rules = new ArrayList<>();
        for (AuditCheck c : r.checks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.rule().id());
            m.put("severity", c.rule().severity().label());
            m.put("area", c.rule().area().title());
            m.put("title", c.rule().title());
            m.put("help", c.rule().help());
            rules.add(m);
        }
        root.put("rules", rules);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
