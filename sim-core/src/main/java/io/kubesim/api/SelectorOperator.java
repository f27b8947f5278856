package io.kubesim.api;

/** Operators of label- and node-selector requirements. {@code Gt}/{@code Lt} are node-only. */
public enum SelectorOperator {
    IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist"), GT("Gt"), LT("Lt");

    private final String wireName;

    SelectorOperator(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static SelectorOperator parse(String s) {
        for (SelectorOperator o : values()) {
            if (o.wireName.equals(s)) {
                return o;
            }
        }
        return null;
    }
}
