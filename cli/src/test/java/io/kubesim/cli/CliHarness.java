package io.kubesim.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the real command line in-process and captures what it prints. */
final class CliHarness {
    /** The repository root (tests run in cli/). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        return runWithStdin("", args);
    }

    static Result runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        ((ValidateCommand) cmd.getSubcommands().get("validate").getCommandSpec().userObject())
                .withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        ((io.kubesim.cli.audit.AuditCommand) cmd.getSubcommands().get("audit").getCommandSpec().userObject())
                .withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What {@code kubesim explain RUN_DIR QUESTION...} prints, asserting it exits 0. */
    static String explain(Path run, String... question) {
        String[] args = new String[question.length + 2];
        args[0] = "explain";
        args[1] = run.toString();
        System.arraycopy(question, 0, args, 2, question.length);
        Result r = run(args);
        org.junit.jupiter.api.Assertions.assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return r.out();
    }

    /**
     * Asserts that two runs' summary.json, timeseries.csv and events.jsonl are the same line for
     * line, leaving out the summary lines of {@code ignoredFields} (wall time always differs; a
     * run that skips work also runs fewer engine events).
     */
    static void assertSameOutputs(Path expected, Path actual, String what, String... ignoredFields)
            throws java.io.IOException {
        for (String file : java.util.List.of("summary.json", "timeseries.csv", "events.jsonl")) {
            org.junit.jupiter.api.Assertions.assertEquals(comparable(expected.resolve(file), ignoredFields),
                    comparable(actual.resolve(file), ignoredFields), what + " " + file);
        }
    }

    private static java.util.List<String> comparable(Path file, String... ignoredFields) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(file).stream()
                .filter(l -> java.util.Arrays.stream(ignoredFields).noneMatch(f -> l.contains("\"" + f + "\"")))
                .toList();
    }

    /** The events.jsonl lines of a run's output folder with this reason, in order. */
    static java.util.List<com.fasterxml.jackson.databind.JsonNode> events(Path out, String reason)
            throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.List<com.fasterxml.jackson.databind.JsonNode> found = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(out.resolve("events.jsonl"))) {
            com.fasterxml.jackson.databind.JsonNode e = json.readTree(line);
            if (e.get("reason").asText().equals(reason)) {
                found.add(e);
            }
        }
        return found;
    }

    static String library(String name) {
        return ROOT.resolve("library").resolve(name).toString();
    }

    private CliHarness() {
    }
}
