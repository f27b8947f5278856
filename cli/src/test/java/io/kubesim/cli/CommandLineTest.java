package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, version, validate, and how bad input ends: exit 2, one located line, no stack trace, nothing written. */
class CommandLineTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommands() {
        CliHarness.Result r = CliHarness.run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("run"));
        assertTrue(r.out().contains("validate"));
        assertTrue(r.out().contains("Exit codes"));
    }

    @Test
    @DisplayName("every command's help formats cleanly: no picocli warning about an unescaped %")
    void helpOfEveryCommandFormats() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : Main.commandLine(new java.io.PrintWriter(new java.io.StringWriter()),
                    new java.io.PrintWriter(new java.io.StringWriter())).getSubcommands().keySet()) {
                CliHarness.Result r = CliHarness.run(command, "--help");
                assertEquals(0, r.exitCode(), command);
                assertTrue(r.out().contains("Usage: kubesim " + command), r.out());
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void versionIsPrinted() {
        CliHarness.Result r = CliHarness.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("kubesim "), r.out());
    }

    @Test
    @DisplayName("validate accepts every library scenario")
    void validateLibrary() throws IOException {
        try (var files = Files.list(CliHarness.ROOT.resolve("library"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".yaml")).sorted()::iterator) {
                CliHarness.Result r = CliHarness.run("validate", p.toString());
                assertEquals(0, r.exitCode(), p + ": " + r.err());
                assertTrue(r.out().startsWith("ok: "), r.out());
            }
        }
    }

    @Test
    @DisplayName("validate reads manifests from standard input")
    void validateStdin() {
        String yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {app: a}}\n"
                + "  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: c, image: i}]\n";
        CliHarness.Result r = CliHarness.runWithStdin(yaml, "validate", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1 Deployment"), r.out());
    }

    private void assertBadInput(CliHarness.Result r, String expectedStart) {
        assertEquals(2, r.exitCode(), r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith(expectedStart), err);
        assertFalse(err.contains("\tat ") || err.contains("    at "), "no stack trace: " + err);
        assertFalse(err.contains("Exception"), "no exception class names: " + err);
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    @DisplayName("a missing scenario file: exit 2 naming the file, and no output directory")
    void missingFile() {
        Path out = tmp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", tmp.resolve("nope.yaml").toString(), "--out", out.toString());
        assertBadInput(r, "error: " + tmp.resolve("nope.yaml"));
        assertFalse(Files.exists(out));
    }

    @Test
    @DisplayName("malformed YAML: exit 2 with file:line:col")
    void malformedYaml() throws IOException {
        Path s = write("bad.yaml", "apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata: {name: x\nduration: 1m\n");
        CliHarness.Result r = CliHarness.run("run", s.toString(), "--out", tmp.resolve("out").toString());
        assertBadInput(r, "error: " + s + ":");
        assertTrue(r.err().matches("(?s)error: .*bad\\.yaml:\\d+:\\d+: .*"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    @DisplayName("an unknown scenario field: exit 2 with its location and a suggestion")
    void unknownField() throws IOException {
        Path s = write("typo.yaml", "apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata: {name: x}\nduraton: 1m\n");
        CliHarness.Result r = CliHarness.run("validate", s.toString());
        assertBadInput(r, "error: " + s + ":4:1: ");
        assertTrue(r.err().contains("duration"), r.err());
    }

    @Test
    @DisplayName("an invalid quantity in a manifest: exit 2 at the quantity")
    void invalidQuantity() throws IOException {
        Path m = write("m.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n"
                + "  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n"
                + "      containers:\n        - name: c\n          image: i\n          resources: {requests: {cpu: 1x}}\n");
        CliHarness.Result r = CliHarness.run("validate", m.toString());
        assertBadInput(r, "error: " + m + ":12:");
    }

    @Test
    @DisplayName("a bad --until: exit 2 naming the option")
    void badUntil() {
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("rolling-update.yaml"), "--out",
                tmp.resolve("out").toString(), "--until", "soon");
        assertBadInput(r, "error: --until soon:");
        assertFalse(Files.exists(tmp.resolve("out").resolve("summary.json")));
    }

    @Test
    @DisplayName("an unknown option: exit 2 with usage help")
    void unknownOption() {
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("rolling-update.yaml"), "--out",
                tmp.resolve("out").toString(), "--frobnicate");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("kubesim run --help"), r.err());
    }

    @Test
    @DisplayName("--out naming a file: exit 2, the file untouched")
    void outIsAFile() throws IOException {
        Path f = write("taken", "keep me");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("rolling-update.yaml"), "--out", f.toString());
        assertBadInput(r, "error: --out " + f);
        assertEquals("keep me", Files.readString(f));
    }
}
