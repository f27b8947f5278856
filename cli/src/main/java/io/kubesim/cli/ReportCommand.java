package io.kubesim.cli;

import io.kubesim.reports.html.HtmlReport;
import io.kubesim.reports.html.ReportContext;
import io.kubesim.reports.html.ReportInputException;
import io.kubesim.reports.html.RunOutputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubesim report RUN_DIR}: rebuilds RUN_DIR/report.html from the run's outputs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rebuilds RUN_DIR/report.html (one self-contained page with the run's charts) from the "
                + "outputs kubesim run wrote there.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run's --out directory.")
    Path runDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RunOutputs run;
        try {
            run = RunOutputs.read(runDir);
        } catch (ReportInputException e) {
            throw new UsageError(e.getMessage());
        }
        Path file = runDir.resolve("report.html");
        HtmlReport.write(ReportContext.of(run, List.of(), 0), file);
        spec.commandLine().getOut().println("wrote " + file);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
