package io.kubesim.scenarios.yaml;

/**
 * JSON-Pointer-style paths ({@code /spec/template/spec/containers/0/image}) that name a node in a
 * YAML document, and their human form ({@code spec.template.spec.containers[0].image}).
 */
public final class Pointers {
    public static final String ROOT = "";

    private Pointers() {
    }

    /** The pointer of a mapping entry; {@code /} and {@code ~} in keys are escaped as RFC 6901 says. */
    public static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** The pointer of a sequence element. */
    public static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** The parent pointer; the root is its own parent. */
    public static String parent(String pointer) {
        int i = pointer.lastIndexOf('/');
        return i <= 0 ? ROOT : pointer.substring(0, i);
    }

    /** The last token of a non-root pointer, unescaped. */
    public static String lastToken(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    /** {@code spec.containers[0].image} for messages; {@code (document)} for the root. */
    public static String toPath(String pointer) {
        if (pointer.isEmpty()) {
            return "(document)";
        }
        StringBuilder sb = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String seg = raw.replace("~1", "/").replace("~0", "~");
            if (!seg.isEmpty() && seg.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(seg).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(seg);
            }
        }
        return sb.toString();
    }
}
