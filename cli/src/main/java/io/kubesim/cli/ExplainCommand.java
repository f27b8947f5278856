package io.kubesim.cli;

import io.kubesim.reports.explain.ActionExplainer;
import io.kubesim.reports.explain.Explanation;
import io.kubesim.reports.explain.ExplanationJson;
import io.kubesim.reports.explain.ExplanationText;
import io.kubesim.reports.explain.FailuresExplainer;
import io.kubesim.reports.explain.PodExplainer;
import io.kubesim.reports.explain.RunRecord;
import io.kubesim.reports.explain.RunRecordException;
import io.kubesim.scenarios.Durations;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubesim explain RUN_DIR (--pod NAME | --action N | --rollout DEPLOYMENT | --failures SERVICE) [--at TIME] [--json]}. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explains a finished run: why a pod lived as it did, what the controllers decided during an "
                + "action, or what caused a Service's failed requests.",
                "Reads RUN_DIR as written by `kubesim run --decisions --out RUN_DIR`."})
final class ExplainCommand implements Callable<Integer> {
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d+):(\\d+(?:\\.\\d+)?)");

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run's --out directory, written with --decisions.")
    Path runDir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Question question;

    static final class Question {
        @Option(names = "--pod", paramLabel = "NAME",
                description = "The pod's life: created by whom, scheduled where and why (each node's filter "
                        + "verdict and scores), started, probed, ready, in endpoints, terminated and why.")
        String pod;

        @Option(names = "--action", paramLabel = "N",
                description = "The N-th timeline action (1-based, as in summary.json actions[]): the controllers' decisions step by step.")
        Integer action;

        @Option(names = "--rollout", paramLabel = "DEPLOYMENT",
                description = "The rollout of DEPLOYMENT on the timeline, step by step.")
        String rollout;

        @Option(names = "--failures", paramLabel = "SERVICE",
                description = "The causal chain behind SERVICE's failed requests, and what would have avoided them.")
        String failures;
    }

    @Option(names = "--at", paramLabel = "TIME",
            description = "With --pod or --failures: explain up to this time (90s, 2m3s, 2:03.2 or seconds).")
    String at;

    @Option(names = "--json", description = "Print the explanation as JSON for tools.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Double atSeconds = at == null ? null : parseTime(at);
        if (atSeconds != null && question.pod == null && question.failures == null) {
            throw new UsageError("--at applies to --pod and --failures");
        }
        Explanation e;
        try {
            RunRecord run = RunRecord.read(runDir);
            if (question.pod != null) {
                e = PodExplainer.explain(run, question.pod, atSeconds);
            } else if (question.action != null) {
                e = ActionExplainer.explainAction(run, question.action);
            } else if (question.rollout != null) {
                e = ActionExplainer.explainRollout(run, question.rollout);
            } else {
                e = FailuresExplainer.explain(run, question.failures, atSeconds);
            }
        } catch (RunRecordException ex) {
            throw new UsageError(ex.getMessage());
        }
        spec.commandLine().getOut().print(json ? ExplanationJson.render(e) : ExplanationText.render(e));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** Seconds from {@code 2:03.2}, {@code 1:02:03}, {@code 123.5} or a duration such as {@code 2m3s}. */
    static double parseTime(String text) {
        Matcher m = CLOCK.matcher(text);
        if (m.matches()) {
            double h = m.group(1) == null ? 0 : Double.parseDouble(m.group(1));
            return h * 3600 + Double.parseDouble(m.group(2)) * 60 + Double.parseDouble(m.group(3));
        }
        if (text.matches("\\d+(\\.\\d+)?")) {
            return Double.parseDouble(text);
        }
        try {
            return Durations.parseMicros(text) / 1e6;
        } catch (IllegalArgumentException e) {
            throw new UsageError("--at " + text + ": expected a time such as 90s, 2m3s, 2:03.2 or 123.5");
        }
    }
}
