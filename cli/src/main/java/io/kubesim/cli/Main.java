package io.kubesim.cli;

import io.kubesim.scenarios.InputException;
import io.kubesim.sim.SpecException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kubesim}: the entry point and the one place where failures become exit codes. */
@Command(name = "kubesim", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Simulates a Kubernetes cluster running your manifests, in virtual time.",
        subcommands = {RunCommand.class, ValidateCommand.class, CapacityCommand.class,
                io.kubesim.cli.sweep.SweepCommand.class, io.kubesim.cli.audit.AuditCommand.class, CompareCommand.class, ExplainCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 a --fail-on gate tripped."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Heap held back so that, when a run has used up the rest, there is room to unwind and to say
     * so: released on an OutOfMemoryError.
     */
    private static byte[] reserve = new byte[4 << 20];

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = commandLine(out, err);
        try {
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            reserve = null;
            err.println("error: kubesim ran out of memory (a heap of " + MemoryWatch.size(Runtime.getRuntime().maxMemory())
                    + "); nothing was written. Give the JVM more (KUBESIM_JAVA_OPTS=-Xmx8g ./kubesim ...), run fewer"
                    + " at once (--jobs 1), or simulate less (fewer nodes, a shorter duration, a longer sampleInterval)");
            err.flush();
            return ExitCodes.BAD_INPUT;
        } catch (StackOverflowError e) {
            err.println("error: kubesim ran out of stack on this input (nesting too deep?); nothing was written."
                    + " This is a bug in kubesim; please report it with the input that caused it");
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExitCodeExceptionMapper(Main::exitCode);
        cmd.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter e = line.getErr();
            if (ex instanceof InputException ie) {
                Findings f = new Findings();
                f.add(ie);
                f.print(e);
            } else if (ex instanceof SpecException se) {
                e.println("error: " + se.getMessage());
            } else if (ex instanceof UsageError ue) {
                e.println("error: " + ue.getMessage());
            } else {
                e.println("kubesim: internal error: " + ex);
                for (StackTraceElement s : ex.getStackTrace()) {
                    e.println("    at " + s);
                }
                e.println("This is a bug in kubesim; please report it with the scenario that caused it.");
            }
            e.flush();
            return exitCode(ex);
        });
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("error: " + ex.getMessage());
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            e.flush();
            return ExitCodes.BAD_INPUT;
        });
        return cmd;
    }

    private static int exitCode(Throwable ex) {
        if (ex instanceof InputException || ex instanceof UsageError || ex instanceof SpecException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL_ERROR;
    }
}
