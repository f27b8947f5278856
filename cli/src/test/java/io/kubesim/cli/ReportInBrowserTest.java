package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser (issue 14): the report of library/no-prestop.yaml, opened by its
 * file: URL in headless Chromium, loads without console errors and shows its sections and SVG
 * charts; a screenshot of it can be taken. Skipped where /usr/bin/chromium is not installed.
 */
class ReportInBrowserTest {
    @TempDir
    static Path tmp;

    private static Path report;

    @BeforeAll
    static void runNoPreStop() {
        if (!Files.isExecutable(HeadlessChromium.BINARY)) {
            return; // each test reports the skip with its reason
        }
        Path out = tmp.resolve("no-prestop");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out", out.toString(), "-q");
        assertTrue(r.exitCode() == ExitCodes.OK || r.exitCode() == ExitCodes.GATE_TRIPPED, r.err());
        report = out.resolve("report.html");
    }

    @BeforeEach
    void needsChromium() {
        HeadlessChromium.assumeInstalled();
    }

    /** The section ids the page's navigation links to, in order. */
    private static List<String> navTargets(String page) {
        Matcher nav = Pattern.compile("<nav>(.*?)</nav>", Pattern.DOTALL).matcher(page);
        assertTrue(nav.find(), "the page has a navigation bar");
        List<String> ids = new ArrayList<>();
        Matcher a = Pattern.compile("href=\"#([^\"]+)\"").matcher(nav.group(1));
        while (a.find()) {
            ids.add(a.group(1));
        }
        return ids;
    }

    @Test
    @DisplayName("opens without console errors and shows every section of its navigation, the verdict first, with SVG charts")
    void loadsWithoutErrors() throws Exception {
        HeadlessChromium.Opened page = HeadlessChromium.open(report, tmp);
        assertEquals(List.of(), page.check().errors(), "errors the page raised while loading");
        assertEquals(List.of(), page.consoleLines(), "console lines in Chromium's log");
        List<String> nav = navTargets(Files.readString(report));
        assertEquals(nav, page.check().sections(), "the sections the browser shows are those the navigation names");
        assertEquals("verdict", nav.get(0));
        assertTrue(nav.contains("replicas"), nav.toString());
        assertTrue(page.check().svgs() >= 1, "at least one chart: " + page.check().svgs());
        assertTrue(page.dom().contains("<svg"), "the DOM holds the inline SVG");
    }

    @Test
    @DisplayName("a screenshot of it is a PNG of the window's size")
    void screenshot() throws Exception {
        Path png = tmp.resolve("report.png");
        HeadlessChromium.screenshot(report, png, 1100, 900, tmp);
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(8);
            assertEquals("\u0089PNG", new String(signature, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
            data.readInt(); // IHDR length
            data.readInt(); // "IHDR"
            assertEquals(1100, data.readInt(), "width");
            assertEquals(900, data.readInt(), "height");
        }
        assertTrue(Files.size(png) > 10_000, "more than a blank page: " + Files.size(png) + " bytes");
    }
}
