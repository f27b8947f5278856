package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README shows real commands with their real output: run them and compare, so the README cannot drift. */
class ReadmeExamplesTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("'Gate a deploy in CI': the no-prestop gates trip with the line the README prints; prestop-sleep passes them")
    void gateExample() throws Exception {
        String readme = Files.readString(CliHarness.ROOT.resolve("README.md"));
        String[] gates = {"--fail-on", "action[rollout checkout].failed > 0", "--fail-on", "p99Ms[checkout] > 250"};
        CliHarness.Result bad = CliHarness.run(concat(new String[] {"run",
                CliHarness.ROOT.resolve("library/no-prestop.yaml").toString(), "--out", tmp.resolve("bad").toString(),
                "-q", "--junit", tmp.resolve("bad/gates.xml").toString()}, gates));
        assertEquals(ExitCodes.GATE_TRIPPED, bad.exitCode(), bad.err());
        assertEquals("", bad.out());
        for (String line : bad.err().strip().lines().toList()) {
            assertTrue(readme.contains("\n" + line + "\n"), "README shows the line run printed: " + line);
        }
        assertTrue(readme.contains("$ echo $?\n3\n"));
        assertTrue(Files.isRegularFile(tmp.resolve("bad/gates.xml")));

        CliHarness.Result good = CliHarness.run(concat(new String[] {"run",
                CliHarness.ROOT.resolve("library/prestop-sleep.yaml").toString(), "--out", tmp.resolve("good").toString()},
                gates));
        assertEquals(ExitCodes.OK, good.exitCode(), good.err());
        String passed = good.out().lines().filter(l -> l.contains("gates:")).findFirst().orElseThrow().strip();
        assertTrue(readme.contains("`" + passed + "`"), "README quotes: " + passed);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    @DisplayName("'Ask why': every line the README shows of explain --failures checkout is a line explain prints")
    void explainExample() throws Exception {
        String readme = Files.readString(CliHarness.ROOT.resolve("README.md"));
        int start = readme.indexOf("$ ./kubesim explain runs/no-prestop --failures checkout\n");
        assertTrue(start > 0, "the README shows explain --failures");
        String shown = readme.substring(readme.indexOf('\n', start) + 1, readme.indexOf("```", start));
        Path run = tmp.resolve("why");
        assertEquals(ExitCodes.OK, CliHarness.run("run", CliHarness.ROOT.resolve("library/no-prestop.yaml").toString(),
                "--decisions", "--out", run.toString(), "-q").exitCode());
        CliHarness.Result r = CliHarness.run("explain", run.toString(), "--failures", "checkout");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        java.util.List<String> printed = r.out().lines().toList();
        int checked = 0;
        for (String line : shown.lines().toList()) {
            if (line.isBlank() || line.strip().equals("...")) {
                continue;
            }
            assertTrue(printed.contains(line), "explain prints the README's line: " + line);
            checked++;
        }
        assertTrue(checked >= 5, "the excerpt shows the chain's start and its conclusion");
    }
}
