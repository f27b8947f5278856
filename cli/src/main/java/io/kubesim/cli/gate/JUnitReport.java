package io.kubesim.cli.gate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gate verdicts as JUnit XML (the Surefire/Jenkins format CI servers read): one {@code testsuite}
 * named after the scenario, one {@code testcase} per gate (class {@code kubesim.gates.SCENARIO}),
 * a {@code failure} with the measured value for each tripped gate, then one testcase per timeline
 * action (class {@code kubesim.actions.SCENARIO}) with its cost as output, failed when a gate on
 * it tripped. No timestamps or times from the wall clock, so the file is byte-identical for the
 * same run.
 */
public final class JUnitReport {
    private JUnitReport() {
    }

    public static void write(String scenario, List<GateVerdict> verdicts, Path file) throws IOException {
        write(scenario, verdicts, List.of(), file);
    }

    public static void write(String scenario, List<GateVerdict> verdicts, List<ActionTestCase> actions, Path file)
            throws IOException {
        long failures = verdicts.stream().filter(GateVerdict::tripped).count()
                + actions.stream().filter(a -> !a.tripped().isEmpty()).count();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.write("<testsuite name=\"" + escape("kubesim." + scenario) + "\" tests=\"" + (verdicts.size() + actions.size())
                    + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\" time=\"0\">\n");
            for (GateVerdict v : verdicts) {
                w.write("  <testcase name=\"" + escape(v.gate().toString()) + "\" classname=\""
                        + escape("kubesim.gates." + scenario) + "\" time=\"0\"");
                if (v.tripped()) {
                    w.write(">\n    <failure message=\"" + escape(v.failureLine()) + "\" type=\"GateFailed\">"
                            + escape(v.gate() + ": measured " + v.measuredText()) + "</failure>\n  </testcase>\n");
                } else {
                    w.write("/>\n");
                }
            }
            for (ActionTestCase a : actions) {
                w.write("  <testcase name=\"" + escape(a.name()) + "\" classname=\""
                        + escape("kubesim.actions." + scenario) + "\" time=\"0\">\n");
                if (!a.tripped().isEmpty()) {
                    String lines = String.join("\n", a.tripped().stream().map(GateVerdict::failureLine).toList());
                    w.write("    <failure message=\"" + escape(a.tripped().get(0).failureLine()
                            + (a.tripped().size() > 1 ? " (and " + (a.tripped().size() - 1) + " more)" : ""))
                            + "\" type=\"GateFailed\">" + escape(lines) + "</failure>\n");
                }
                w.write("    <system-out>" + escape(a.cost()) + "</system-out>\n  </testcase>\n");
            }
            w.write("</testsuite>\n");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
