package io.kubesim.cli.gate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gate verdicts as JUnit XML (the Surefire/Jenkins format CI servers read): one {@code testsuite}
 * named after the scenario, one {@code testcase} per gate, a {@code failure} with the measured
 * value for each tripped gate. No timestamps or times from the wall clock, so the file is
 * byte-identical for the same run.
 */
public final class JUnitReport {
    private JUnitReport() {
    }

    public static void write(String scenario, List<GateVerdict> verdicts, Path file) throws IOException {
        long failures = verdicts.stream().filter(GateVerdict::tripped).count();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.write("<testsuite name=\"" + escape("kubesim." + scenario) + "\" tests=\"" + verdicts.size()
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
            w.write("</testsuite>\n");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
