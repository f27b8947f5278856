package io.kubesim.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit as SARIF 2.1.0 ({@code --format sarif}), the format code-scanning tools (GitHub code
 * scanning, GitLab, IDEs) read: one run whose tool lists every rule with its help, and one result
 * per finding with its level and its place in the input (a relative URI, line and column).
 */
final class AuditSarif {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private AuditSarif() {
    }

    static String render(AuditReport r, String version) {
        List<Map<String, Object>> rules = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (AuditCheck c : r.checks()) {
            index.put(c.rule().id(), rules.size());
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", c.rule().id());
            rule.put("name", c.rule().id());
            rule.put("shortDescription", text(c.rule().title()));
            rule.put("fullDescription", text(c.rule().help()));
            rule.put("help", text(c.rule().help()));
            rule.put("defaultConfiguration", Map.of("level", c.rule().severity().sarifLevel()));
            rule.put("properties", Map.of("tags", List.of(c.rule().area().title())));
            rules.add(rule);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "kubesim");
        driver.put("version", version);
        driver.put("rules", rules);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < r.findings().size(); i++) {
            Finding f = r.findings().get(i);
            Impact impact = r.impact(i);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", f.rule().id());
            result.put("ruleIndex", index.get(f.rule().id()));
            result.put("level", f.severity().sarifLevel());
            result.put("message", text(f.object() + ": " + f.message() + ". Fix: " + f.fix()
                    + (impact == null ? "" : ". Simulated: " + impact.describe())));
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", uri(f.location().file())));
            if (f.location().line() > 0) {
                Map<String, Object> region = new LinkedHashMap<>();
                region.put("startLine", f.location().line());
                region.put("startColumn", Math.max(1, f.location().column()));
                physical.put("region", region);
            }
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
            results.add(result);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> text(String s) {
        return Map.of("text", s);
    }

    /** A file name as a relative URI reference: forward slashes, spaces and other reserved characters escaped. */
    static String uri(String file) {
        String path = file.replace('\\', '/');
        StringBuilder sb = new StringBuilder();
        for (char ch : path.toCharArray()) {
            if (Character.isLetterOrDigit(ch) && ch < 128 || "/-._~".indexOf(ch) >= 0) {
                sb.append(ch);
            } else {
                for (byte b : String.valueOf(ch).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    sb.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return sb.toString();
    }
}
