package io.kubesim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bad-input corpus (src/test/resources/bad-input): one folder per case, its inputs and a
 * {@code case.txt} saying the command line, the exit code and the exact stderr expected. Inputs
 * that cannot sit in the repository as text (binary, UTF-16, 50 MB) are generated here.
 *
 * <p>{@link #main} runs every case through {@link Main#execute} in one JVM that
 * {@link BadInputCorpusTest} starts with a small heap, so that the memory of every case is
 * bounded by it, and writes what each printed to a JSON report.
 */
final class BadInputCorpus {
    /** One case as {@code case.txt} states it. */
    record Case(String name, String generate, List<String> args, int exit, String stderr) {
    }

    /** What one case did. */
    record Outcome(int exit, String stdout, String stderr, long millis, boolean outWritten, List<String> leftovers) {
    }

    private BadInputCorpus() {
    }

    /** Reads {@code dir/case.txt}: {@code generate:}, {@code args:} (one per line), {@code exit:}, {@code stderr:} (the rest). */
    static Case read(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("case.txt"), StandardCharsets.UTF_8);
        String generate = null;
        List<String> args = new ArrayList<>();
        int exit = -1;
        StringBuilder stderr = new StringBuilder();
        String section = "";
        for (String line : lines) {
            if (section.equals("stderr")) {
                stderr.append(line).append('\n');
            } else if (line.startsWith("#") || line.isBlank()) {
                continue;
            } else if (line.startsWith("generate:")) {
                generate = line.substring("generate:".length()).strip();
            } else if (line.equals("args:")) {
                section = "args";
            } else if (line.startsWith("exit:")) {
                exit = Integer.parseInt(line.substring("exit:".length()).strip());
                section = "";
            } else if (line.equals("stderr:")) {
                section = "stderr";
            } else if (section.equals("args")) {
                args.add(line.strip());
            } else {
                throw new IllegalArgumentException(dir + "/case.txt: unexpected line " + line);
            }
        }
        return new Case(dir.getFileName().toString(), generate, args, exit, stderr.toString());
    }

    /** The case folders of {@code corpus}, in name order. */
    static List<Path> cases(Path corpus) throws IOException {
        try (Stream<Path> s = Files.list(corpus)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Arguments with {@code $CASE} and {@code $OUT} put in. */
    static String[] substitute(List<String> args, Path caseDir, Path out) {
        return args.stream().map(a -> a.replace("$CASE", caseDir.toString()).replace("$OUT", out.toString()))
                .toArray(String[]::new);
    }

    /** {@code corpus report}: runs every case of the corpus (a copy: inputs are generated into it) and writes the report. */
    public static void main(String[] argv) throws Exception {
        Path corpus = Path.of(argv[0]);
        Path report = Path.of(argv[1]);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Path dir : cases(corpus)) {
            Case c = read(dir);
            if (c.generate() != null) {
                Generated.write(c.generate(), dir);
            }
            Path out = dir.resolve("out");
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            long t0 = System.nanoTime();
            int exit = Main.execute(substitute(c.args(), dir, out), new PrintWriter(o, true), new PrintWriter(e, true));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            List<String> leftovers;
            try (Stream<Path> walk = Files.walk(dir)) {
                leftovers = walk.map(p -> dir.relativize(p).toString()).filter(p -> p.contains(".kubesim-")).sorted()
                        .toList();
            }
            outcomes.put(c.name(), new Outcome(exit, o.toString(), e.toString(), millis, Files.exists(out), leftovers));
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(report.toFile(), outcomes);
    }

    /** The inputs written at run time. */
    static final class Generated {
        private Generated() {
        }

        static void write(String kind, Path dir) throws IOException {
            String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\u00e9\ndata:\n  greeting: hello\n";
            switch (kind) {
                case "latin1" -> Files.write(dir.resolve("m.yaml"), configMap.replace("name: caf\u00e9", "name: cafe")
                        .replace("hello", "h\u00e9llo").getBytes(StandardCharsets.ISO_8859_1));
                case "utf16" -> Files.write(dir.resolve("m.yaml"), ("\uFEFF" + configMap.replace("caf\u00e9", "cafe"))
                        .getBytes(StandardCharsets.UTF_16LE));
                case "utf16-without-bom" -> Files.write(dir.resolve("m.yaml"),
                        configMap.replace("caf\u00e9", "cafe").getBytes(StandardCharsets.UTF_16LE));
                case "binary" -> {
                    byte[] png = new byte[4096];
                    byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
                    System.arraycopy(head, 0, png, 0, head.length);
                    Files.write(dir.resolve("m.yaml"), png);
                }
                case "deep-nesting" -> Files.writeString(dir.resolve("m.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
                        + "metadata: {name: deep}\ndata:\n  k: " + "[".repeat(1500) + "]".repeat(1500) + "\n");
                case "long-line" -> Files.writeString(dir.resolve("m.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
                        + "metadata: {name: long}\ndata:\n  k: \"" + "x".repeat(5 << 20) + "\"\n");
                case "manifest-50mb" -> {
                    StringBuilder sb = new StringBuilder(51 << 20);
                    for (int i = 0; sb.length() < 50 << 20; i++) {
                        sb.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-").append(i)
                                .append("\ndata:\n  value: \"").append("v".repeat(400)).append("\"\n");
                    }
                    Files.writeString(dir.resolve("m.yaml"), sb);
                }
                default -> throw new IllegalArgumentException("no generator " + kind);
            }
        }
    }
}
