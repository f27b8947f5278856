package io.kubesim.api;

import java.util.List;
import java.util.Map;

/** One requirement of a label or node selector: {@code key op values}. */
public record Requirement(String key, SelectorOperator operator, List<String> values) {
    public Requirement {
        values = List.copyOf(values);
    }

    /**
     * Whether the labels satisfy the requirement (apimachinery labels.Requirement.Matches):
     * NotIn and DoesNotExist match when the key is absent; Gt/Lt compare integers.
     */
    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case IN -> v != null && values.contains(v);
            case NOT_IN -> v == null || !values.contains(v);
            case EXISTS -> v != null;
            case DOES_NOT_EXIST -> v == null;
            case GT, LT -> v != null && compareInt(v);
        };
    }

    private boolean compareInt(String v) {
        try {
            long have = Long.parseLong(v);
            long want = Long.parseLong(values.get(0));
            return operator == SelectorOperator.GT ? have > want : have < want;
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return false;
        }
    }
}
