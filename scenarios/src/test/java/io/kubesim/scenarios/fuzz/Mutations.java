package io.kubesim.scenarios.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutants of real input files, as a fuzzer makes them: a few edits each, of the kinds that break
 * YAML and Kubernetes objects in practice (a character or line lost, doubled or moved, a value
 * replaced by one of another type or an extreme, indentation shifted, bytes that are not text).
 */
final class Mutations {
    /** Values a field may be given instead of its own. */
    private static final List<String> VALUES = List.of("", "-1", "0", "1e308", "-1e308", "99999999999999999999",
            "2147483648", "NaN", ".inf", "null", "~", "true", "[]", "{}", "[[[[", "&a", "*a", "<<: *a", "\"\"",
            "'", "\"", "|", ">", "---", "...", "!!binary", "!!str 1", "1.5", "0x1F", "1Ei", "9Ei", "-5m",
            "2562047h", "1us", "5 minutes", "250m", "%", "50%", "101%", "-", "?", ":", "#", "@", "`", "\t",
            "\u00e9", "\uFFFD", "<script>", "a".repeat(300), "{a: [b, {c: d}]}");

    private Mutations() {
    }

    /** One edit, at a position given as a fraction of the text. */
    record Edit(int kind, double where, double extent, String value) {
        String apply(String text) {
            if (text.isEmpty()) {
                return value;
            }
            int at = (int) (where * text.length());
            int end = Math.min(text.length(), at + 1 + (int) (extent * 80));
            int lineStart = at == 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
            int lineEnd = text.indexOf('\n', at);
            lineEnd = lineEnd < 0 ? text.length() : lineEnd;
            String line = text.substring(lineStart, lineEnd);
            return switch (kind) {
                case 0 -> text.substring(0, at) + text.substring(end); // delete a span
                case 1 -> text.substring(0, at) + value + text.substring(at); // insert a value
                case 2 -> text.substring(0, lineStart) + line + "\n" + text.substring(lineStart); // double a line
                case 3 -> text.substring(0, lineStart) + text.substring(Math.min(text.length(), lineEnd + 1)); // drop a line
                case 4 -> { // replace the value after a line's colon
                    int colon = line.indexOf(": ");
                    yield colon < 0 ? text : text.substring(0, lineStart) + line.substring(0, colon + 2) + value
                            + text.substring(lineEnd);
                }
                case 5 -> text.substring(0, lineStart) + "  " + text.substring(lineStart); // indent a line
                case 6 -> text.substring(0, lineStart) + line.stripLeading() + text.substring(lineEnd); // dedent it
                case 7 -> text.substring(0, at) + text.substring(at, end).toUpperCase(java.util.Locale.ROOT)
                        + text.substring(end); // change case
                default -> text.substring(0, at) + text.substring(at, end) + text.substring(at); // double a span
            };
        }
    }

    static Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1), Arbitraries.oneOf(Arbitraries.of(VALUES),
                        Arbitraries.strings().ofMaxLength(12))).as(Edit::new);
    }

    /** A seed file's text. */
    static String read(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code text} with 1 to 6 edits. */
    static Arbitrary<String> of(String text) {
        return edits().list().ofMinSize(1).ofMaxSize(6).map(list -> {
            String t = text;
            for (Edit e : list) {
                t = e.apply(t);
            }
            return t;
        });
    }

    /** The UTF-8 bytes of {@code text} with up to 4 bytes set to any value. */
    static Arbitrary<byte[]> bytesOf(String text) {
        byte[] base = text.getBytes(StandardCharsets.UTF_8);
        return Combinators.combine(Arbitraries.doubles().between(0, 1).list().ofMaxSize(4),
                Arbitraries.bytes().list().ofSize(4)).as((where, values) -> {
                    byte[] b = base.clone();
                    for (int i = 0; i < where.size() && b.length > 0; i++) {
                        b[(int) (where.get(i) * (b.length - 1))] = values.get(i);
                    }
                    return b;
                });
    }
}
