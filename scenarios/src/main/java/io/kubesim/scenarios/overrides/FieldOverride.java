package io.kubesim.scenarios.overrides;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One command-line override, {@code --set TARGET:PATH=VALUE}: TARGET is {@code scenario} or a
 * manifest object ({@code deployment/checkout}, {@code ns/deployment/checkout}), PATH a field path
 * ({@code spec.strategy.rollingUpdate.maxSurge}, {@code spec.template.spec.containers[name=app].image},
 * {@code traffic[0].rate}), VALUE the field's value as it would be written in YAML ({@code 25%},
 * {@code 3}, {@code true}, {@code {cpu: 500m}}). Its places are columns of the argument itself:
 * {@code --set #2:1:31} is the 31st character of the second {@code --set}.
 *
 * @param index  which {@code --set} of the command line (from 1)
 * @param text   the argument as given
 * @param target the object it changes; null for the scenario
 * @param path   the steps to the field
 * @param value  the new value
 */
public record FieldOverride(int index, String text, Target target, List<Step> path, JsonNode value, int valueColumn) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Short names kubectl accepts, to the kind they name. */
    private static final Map<String, String> SHORT = Map.ofEntries(Map.entry("deploy", "deployment"),
            Map.entry("sts", "statefulset"), Map.entry("ds", "daemonset"), Map.entry("rs", "replicaset"),
            Map.entry("rc", "replicationcontroller"), Map.entry("svc", "service"),
            Map.entry("pdb", "poddisruptionbudget"), Map.entry("hpa", "horizontalpodautoscaler"),
            Map.entry("cj", "cronjob"), Map.entry("po", "pod"), Map.entry("pvc", "persistentvolumeclaim"),
            Map.entry("ns", "namespace"), Map.entry("quota", "resourcequota"), Map.entry("limits", "limitrange"),
            Map.entry("pc", "priorityclass"), Map.entry("sc", "storageclass"), Map.entry("pv", "persistentvolume"));

    /** A manifest object: its kind (lower case), namespace (null: any) and name. */
    public record Target(String kind, String namespace, String name) {
        boolean matches(String objectKind, String objectNamespace, String objectName) {
            return kind.equals(objectKind.toLowerCase(Locale.ROOT)) && name.equals(objectName)
                    && (namespace == null || namespace.equals(objectNamespace));
        }

        @Override
        public String toString() {
            return (namespace == null ? "" : namespace + "/") + kind + "/" + name;
        }
    }

    /** A step of a path, with the column it starts at. */
    public sealed interface Step {
        int column();

        /** {@code name}: a mapping's field. */
        record Field(String name, int column) implements Step {
        }

        /** {@code [N]}: a list's element. */
        record Index(int index, int column) implements Step {
        }

        /** {@code [key=value]}: the list element whose {@code key} is {@code value}. */
        record Select(String key, String value, int column) implements Step {
        }
    }

    /** Where column {@code column} of the argument is. */
    public Location at(int column) {
        return at(index, column);
    }

    static Location at(int index, int column) {
        return new Location("--set #" + index, 1, column);
    }

    /** The path as written, up to step {@code n} (exclusive). */
    String pathText(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Step s = path.get(i);
            if (s instanceof Step.Field f) {
                sb.append(sb.length() == 0 ? "" : ".").append(f.name());
            } else if (s instanceof Step.Index x) {
                sb.append('[').append(x.index()).append(']');
            } else if (s instanceof Step.Select sel) {
                sb.append('[').append(sel.key()).append('=').append(sel.value()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * Parses the {@code index}-th {@code --set}.
     *
     * @throws InputException at the column of the argument that is wrong
     */
    public static FieldOverride parse(int index, String text) {
        int colon = text.indexOf(':');
        int equals = -1;
        int depth = 0;
        for (int i = Math.max(colon, 0); i < text.length() && equals < 0; i++) {
            char c = text.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == '=' && depth == 0) {
                equals = i; // the first = outside a [key=value] selector
            }
        }
        if (colon <= 0 || equals < 0) {
            throw new InputException(at(index, 1), "expected TARGET:PATH=VALUE (e.g. deployment/web:spec.replicas=3 or "
                    + "scenario:traffic[0].rate=200), got \"" + text + "\"");
        }
        Target target = target(index, text.substring(0, colon));
        List<Step> path = path(index, text.substring(colon + 1, equals), colon + 2);
        String raw = text.substring(equals + 1);
        JsonNode value;
        try {
            value = raw.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(raw);
        } catch (java.io.IOException e) {
            throw new InputException(at(index, equals + 2), "expected a value as YAML writes it (3, 25%, true, "
                    + "{cpu: 500m}, [a, b]), got \"" + raw + "\"");
        }
        if (value == null || value.isMissingNode()) {
            value = YAML.getNodeFactory().nullNode();
        }
        return new FieldOverride(index, text, target, path, value, equals + 2);
    }

    private static Target target(int index, String t) {
        if (t.equals("scenario")) {
            return null;
        }
        String[] parts = t.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isEmpty)) {
            throw new InputException(at(index, 1), "expected the target scenario, KIND/NAME or NAMESPACE/KIND/NAME "
                    + "(e.g. deployment/checkout), got \"" + t + "\"");
        }
        String kind = parts[parts.length - 2].toLowerCase(Locale.ROOT);
        kind = SHORT.getOrDefault(kind, kind);
        return new Target(kind, parts.length == 3 ? parts[0] : null, parts[parts.length - 1]);
    }

    private static List<Step> path(int index, String p, int firstColumn) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            int column = firstColumn + i;
            char c = p.charAt(i);
            if (c == '[') {
                int close = p.indexOf(']', i);
                if (close < 0) {
                    throw new InputException(at(index, column), "unclosed [ in the path");
                }
                String inner = p.substring(i + 1, close);
                int eq = inner.indexOf('=');
                if (eq > 0) {
                    steps.add(new Step.Select(inner.substring(0, eq), inner.substring(eq + 1), column));
                } else {
                    try {
                        steps.add(new Step.Index(Integer.parseInt(inner), column));
                    } catch (NumberFormatException e) {
                        throw new InputException(at(index, column), "expected [N] or [KEY=VALUE] in the path, got ["
                                + inner + "]");
                    }
                }
                i = close + 1;
                if (i < p.length() && p.charAt(i) == '.') {
                    i++;
                }
                continue;
            }
            int end = i;
            while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                end++;
            }
            if (end == i) {
                throw new InputException(at(index, column), "empty field name in the path");
            }
            steps.add(new Step.Field(p.substring(i, end), column));
            i = end < p.length() && p.charAt(end) == '.' ? end + 1 : end;
        }
        if (steps.isEmpty()) {
            throw new InputException(at(index, firstColumn), "expected a field path after the target, e.g. "
                    + "spec.replicas");
        }
        return steps;
    }
}
