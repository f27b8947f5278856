package io.kubesim.cli.sweep;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --set TARGET:PATH=V1,V2,...} of a sweep: the field and the values it takes (split at
 * the commas outside brackets, braces and quotes, so {@code {cpu: 1, memory: 1Gi}} stays one
 * value). With one value it is a fixed override of every point.
 *
 * @param field  {@code TARGET:PATH}
 * @param values the values as written
 */
public record SweepParameter(String field, List<String> values) {
    public SweepParameter {
        values = List.copyOf(values);
    }

    /** The {@code --set} argument that gives this field its {@code i}-th value. */
    public String set(int i) {
        return field + "=" + values.get(i);
    }

    public boolean swept() {
        return values.size() > 1;
    }

    /**
     * Parses the {@code index}-th {@code --set} of the sweep.
     *
     * @throws InputException at the argument when it has no value
     */
    public static SweepParameter parse(int index, String text) {
        int depth = 0;
        int equals = -1;
        for (int i = 0; i < text.length() && equals < 0; i++) {
            char c = text.charAt(i);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == '=' && depth == 0) {
                equals = i;
            }
        }
        if (equals < 0) {
            throw new InputException(new Location("--set #" + index, 1, 1), "expected TARGET:PATH=VALUE or "
                    + "TARGET:PATH=V1,V2,... (e.g. deployment/web:spec.strategy.rollingUpdate.maxSurge=0,1,25%), got \""
                    + text + "\"");
        }
        return new SweepParameter(text.substring(0, equals), split(text.substring(equals + 1)));
    }

    static List<String> split(String values) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < values.length(); i++) {
            char c = values.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(values.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(values.substring(start).strip());
        return out;
    }
}
