package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * report.html for every library scenario (issue 14, "must show"): each run writes a well-formed,
 * self-contained page, and where Chromium is installed every page opens in it without errors,
 * with the sections its navigation names and all of its SVG charts. Scenarios longer than 10
 * simulated minutes run only their first 10, to keep the suite fast.
 */
class LibraryReportsTest {
    @TempDir
    static Path tmp;

    /** report.html by scenario file name, in name order. */
    private static final Map<String, String> REPORTS = new LinkedHashMap<>();

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(CliHarness.ROOT.resolve("library"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** Longer scenarios are cut here to keep the suite fast (benchmarks/README.md measures a whole run's report). */
    private static final long LONGEST = SimTime.minutes(10);

    @BeforeAll
    static void runEveryScenario() throws IOException {
        for (String scenario : scenarios().toList()) {
            Path out = tmp.resolve(scenario.replace(".yaml", ""));
            long duration = ScenarioLoader.load(Path.of(CliHarness.library(scenario))).value().duration();
            List<String> args = new ArrayList<>(List.of("run", CliHarness.library(scenario), "--out", out.toString(), "-q"));
            if (duration > LONGEST) {
                args.addAll(List.of("--until", "10m"));
            }
            CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
            assertTrue(r.exitCode() == ExitCodes.OK || r.exitCode() == ExitCodes.GATE_TRIPPED, scenario + ": " + r.err());
            REPORTS.put(scenario, Files.readString(out.resolve("report.html")));
        }
    }

    /** Where a page would reach outside itself: a src or href that is no in-page anchor or data: URL, CSS imports and URLs. */
    private static final Pattern EXTERNAL = Pattern.compile(
            "(?i)(?:\\b(?:src|href)\\s*=\\s*[\"']?(?!#|data:)[^\"'\\s>]|<link\\b|@import|url\\(\\s*[\"']?(?!#|data:))");

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("report.html is a whole page with the verdict first and nothing loaded from outside")
    void wellFormed(String scenario) {
        String page = REPORTS.get(scenario);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, Math.min(60, page.length())));
        assertTrue(page.stripTrailing().endsWith("</html>"), "the page is complete");
        int verdict = page.indexOf("<section id=\"verdict\">");
        assertTrue(verdict > 0, "has the verdict section");
        assertEquals(verdict, page.indexOf("<section"), "the verdict is the first section");
        Matcher external = EXTERNAL.matcher(page);
        assertFalse(external.find(), () -> "loads something from outside the page: "
                + page.substring(Math.max(0, external.start() - 40), Math.min(page.length(), external.end() + 40)));
        assertEquals(count(page, "<section"), count(page, "</section>"), "sections are closed");
        assertEquals(count(page, "<svg"), count(page, "</svg>"), "charts are closed");
        assertTrue(page.length() <= 3_000_000, "over the budget of 3 MB (benchmarks/README.md): " + page.length() + " bytes");
    }

    @Test
    @DisplayName("the external-resource check finds what it is for, and passes a page's own anchors and data: images")
    void externalCheckCatchesReferences() {
        for (String bad : List.of("<script src=\"https://cdn.example/x.js\">", "<link rel=\"stylesheet\" href=\"x.css\">",
                "<img src=\"chart.png\">", "@import 'x.css';", "background: url(https://x/y.png)", "<a href=\"other.html\">")) {
            assertTrue(EXTERNAL.matcher(bad).find(), bad);
        }
        for (String good : List.of("<a href=\"#verdict\">", "<img src=\"data:image/png;base64,iVBOR\">",
                "clip-path=\"url(#kubesim-replicas-0-clip1)\"", "xmlns=\"http://www.w3.org/2000/svg\"")) {
            assertFalse(EXTERNAL.matcher(good).find(), good);
        }
    }

    /** A page that does what no report may: its errors must show, or the browser check proves nothing. */
    private static final String BROKEN_PAGE = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"></head><body>
            <section id="verdict"></section>
            <img src="missing-chart.png">
            <script>console.error("a console error"); notDefined();</script>
            </body></html>
            """;

    @Test
    @DisplayName("every report opens in headless Chromium without errors, showing its sections and all its charts")
    void opensInChromium() throws Exception {
        HeadlessChromium.assumeInstalled();
        Map<String, String> pages = new LinkedHashMap<>(REPORTS);
        pages.put("control: a broken page", BROKEN_PAGE);
        List<HeadlessChromium.PageCheck> checks = HeadlessChromium.openAll(pages, tmp);
        assertEquals(List.copyOf(pages.keySet()), checks.stream().map(HeadlessChromium.PageCheck::name).toList());

        HeadlessChromium.PageCheck control = checks.get(checks.size() - 1);
        assertEquals(3, control.errors().size(), "the check sees a console error, an uncaught one and a missing image: "
                + control.errors());

        List<String> problems = new ArrayList<>();
        for (HeadlessChromium.PageCheck c : checks.subList(0, checks.size() - 1)) {
            String page = REPORTS.get(c.name());
            if (!c.errors().isEmpty()) {
                problems.add(c.name() + ": " + c.errors());
            }
            if (c.sections().isEmpty() || !c.sections().get(0).equals("verdict")) {
                problems.add(c.name() + ": sections shown " + c.sections() + ", the verdict not first");
            }
            if (c.sections().size() != count(page, "<section id=")) {
                problems.add(c.name() + ": shows " + c.sections().size() + " sections of " + count(page, "<section id="));
            }
            if (c.svgs() != count(page, "<svg")) {
                problems.add(c.name() + ": shows " + c.svgs() + " SVG charts of the " + count(page, "<svg") + " it holds");
            }
        }
        assertEquals(List.of(), problems);
    }
}
