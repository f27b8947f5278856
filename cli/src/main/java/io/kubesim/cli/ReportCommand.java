package io.kubesim.cli;

import io.kubesim.reports.html.ComparisonPage;
import io.kubesim.reports.html.HtmlReport;
import io.kubesim.reports.html.ReportContext;
import io.kubesim.reports.html.ReportInputException;
import io.kubesim.reports.html.RunOutputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubesim report RUN_DIR}: rebuilds RUN_DIR/report.html from the run's outputs (the gates'
 * verdicts from summary.json). {@code kubesim report RUN_A RUN_B}: the comparison page of two
 * runs, written to RUN_B/compare.html.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuilds RUN_DIR/report.html (one self-contained page with the run's charts) from the "
                + "outputs kubesim run wrote there.",
                "With two runs, RUN_A RUN_B: writes RUN_B/compare.html, both runs on shared axes with the "
                + "differences called out (the bad and the fixed scenario of a pair)."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run's --out directory (RUN_A when comparing).")
    Path runDir;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RUN_B", description = "A second run to compare RUN_A with.")
    Path runB;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the page (default RUN_DIR/report.html, or RUN_B/compare.html).")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunOutputs a = read(runDir); // every input read before anything is written
        RunOutputs b = runB == null ? null : read(runB);
        Path file = out != null ? out : b == null ? runDir.resolve("report.html") : runB.resolve("compare.html");
        String page;
        try { // events.jsonl is read as the page is drawn: its damage is found here, before anything is written
            page = b == null ? HtmlReport.render(ReportContext.of(a)) : ComparisonPage.render(a, b);
        } catch (ReportInputException e) {
            throw new UsageError(e.getMessage());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            java.nio.file.Files.writeString(file, page, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError((out != null ? "--out " : "") + file + ": cannot write the page ("
                    + OutDir.reason(e) + ")");
        }
        spec.commandLine().getOut().println("wrote " + file);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static RunOutputs read(Path dir) {
        try {
            return RunOutputs.read(dir);
        } catch (ReportInputException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
