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
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static String library(String name) {
        return ROOT.resolve("library").resolve(name).toString();
    }

    private CliHarness() {
    }
}
