package io.kubesim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, for checking report.html in a real browser. Where
 * {@code /usr/bin/chromium} is not installed (a fresh CI machine) the tests that use it are
 * skipped with the reason, never failed.
 *
 * <p>A page is opened as a copy with a small script (the {@linkplain #HOOK check hook}) put first
 * into its head: it records uncaught errors, rejected promises, {@code console.error} calls and
 * resources that failed to load, and when the page has loaded writes them, with the page's section
 * ids and its number of {@code <svg>} charts, into a hidden element that {@code --dump-dom} shows.
 * Chromium's own log ({@code --enable-logging=stderr}) is scanned for console lines too.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    /** Records what went wrong while the page loaded; writes it into #kubesim-browser-check at load. */
    static final String HOOK = """
            <script>(function () {
              var errors = [];
              function note(m) { errors.push(String(m)); }
              window.addEventListener('error', function (ev) {
                var t = ev.target;
                if (t && t !== window && (t.src || t.href)) { note('resource failed to load: ' + (t.src || t.href)); }
                else { note('uncaught: ' + ev.message); }
              }, true);
              window.addEventListener('unhandledrejection', function (ev) { note('unhandled rejection: ' + ev.reason); });
              var consoleError = console.error;
              console.error = function () {
                note('console.error: ' + Array.prototype.join.call(arguments, ' '));
                return consoleError.apply(console, arguments);
              };
              window.addEventListener('load', function () {
                var p = document.createElement('pre');
                p.id = 'kubesim-browser-check';
                p.hidden = true;
                p.textContent = JSON.stringify({
                  errors: errors,
                  sections: Array.prototype.map.call(document.querySelectorAll('section[id]'), function (s) { return s.id; }),
                  svgs: document.querySelectorAll('svg').length
                });
                document.body.appendChild(p);
              });
            })();</script>
            """;

    /** What the hook saw in one page. */
    record PageCheck(String name, List<String> errors, List<String> sections, int svgs) {
    }

    /** A page opened by its file: URL: the hook's findings, the serialized DOM and Chromium's console log lines. */
    record Opened(PageCheck check, String dom, List<String> consoleLines) {
    }

    /** Skips the calling test (with the reason) where Chromium is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                BINARY + " is not installed (apt-get install chromium): the browser check is skipped");
    }

    /** {@code page} with the hook first in its head (after the charset declaration, which must stay early). */
    static String withHook(String page) {
        String charset = "<meta charset=\"utf-8\">";
        int at = page.indexOf(charset);
        if (at >= 0) {
            at += charset.length();
        } else {
            int head = page.indexOf("<head>");
            at = head >= 0 ? head + "<head>".length() : 0;
        }
        return page.substring(0, at) + "\n" + HOOK + page.substring(at);
    }

    /** Opens {@code html} (a copy with the hook, beside it in {@code work}) by its file: URL. */
    static Opened open(Path html, Path work) throws IOException, InterruptedException {
        Path copy = work.resolve("checked-" + html.getFileName());
        Files.writeString(copy, withHook(Files.readString(html)), StandardCharsets.UTF_8);
        Result r = chromium(work, "--dump-dom", copy.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"kubesim-browser-check\"[^>]*>(.*?)</pre>", Pattern.DOTALL).matcher(r.out);
        if (!m.find()) {
            throw new AssertionError("the page did not finish loading (no check element in the DOM dump); Chromium said:\n"
                    + tail(r.err));
        }
        return new Opened(check(html.getFileName().toString(), JSON.readTree(unescape(m.group(1)))), r.out,
                consoleLines(r.err));
    }

    /**
     * Opens every page (name to HTML text) in one browser, each in an iframe of its own (srcdoc,
     * so the frames share the parent's origin and the parent can read each page's findings):
     * one browser start for a whole library of reports. Returns the findings in the order given.
     */
    static List<PageCheck> openAll(Map<String, String> pages, Path work) throws IOException, InterruptedException {
        StringBuilder parent = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
        for (Map.Entry<String, String> p : pages.entrySet()) {
            parent.append("<iframe data-name=\"").append(attribute(p.getKey())).append("\" srcdoc=\"")
                    .append(attribute(withHook(p.getValue()))).append("\"></iframe>\n");
        }
        parent.append("""
                <script>window.addEventListener('load', function () {
                  var out = [];
                  document.querySelectorAll('iframe').forEach(function (f) {
                    var e = f.contentDocument && f.contentDocument.getElementById('kubesim-browser-check');
                    out.push({name: f.dataset.name, check: e ? JSON.parse(e.textContent) : null});
                  });
                  var p = document.createElement('pre');
                  p.id = 'kubesim-browser-checks';
                  p.textContent = JSON.stringify(out);
                  document.body.appendChild(p);
                });</script>
                </body></html>
                """);
        Path file = work.resolve("all-reports.html");
        Files.writeString(file, parent, StandardCharsets.UTF_8);
        Result r = chromium(work, "--dump-dom", file.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"kubesim-browser-checks\">(.*?)</pre>", Pattern.DOTALL).matcher(r.out);
        if (!m.find()) {
            throw new AssertionError("the pages did not finish loading; Chromium said:\n" + tail(r.err));
        }
        List<PageCheck> out = new ArrayList<>();
        for (JsonNode page : JSON.readTree(unescape(m.group(1)))) {
            String name = page.get("name").asText();
            if (page.get("check").isNull()) {
                out.add(new PageCheck(name, List.of("did not finish loading (no check element)"), List.of(), 0));
            } else {
                out.add(check(name, page.get("check")));
            }
        }
        return out;
    }

    /** A PNG of {@code html} as a {@code width} x {@code height} window shows it. */
    static void screenshot(Path html, Path png, int width, int height, Path work) throws IOException, InterruptedException {
        chromium(work, "--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png,
                html.toUri().toString());
        if (!Files.exists(png)) {
            throw new AssertionError("Chromium wrote no screenshot to " + png);
        }
    }

    private record Result(String out, String err) {
    }

    /** Runs Chromium headless with a fresh profile and no network of its own (as on this project's machines). */
    private static Result chromium(Path work, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(args));
        Path out = work.resolve("chromium.out");
        Path err = work.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(Files.readString(out), Files.readString(err));
    }

    /** Chromium's log lines of messages the page logged to its console, and uncaught errors. */
    static List<String> consoleLines(String log) {
        List<String> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains(":CONSOLE") || line.contains("Uncaught")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static PageCheck check(String name, JsonNode c) {
        List<String> errors = new ArrayList<>();
        c.get("errors").forEach(e -> errors.add(e.asText()));
        List<String> sections = new ArrayList<>();
        c.get("sections").forEach(s -> sections.add(s.asText()));
        return new PageCheck(name, errors, sections, c.get("svgs").asInt());
    }

    /** The text of an element as the DOM serializer wrote it. */
    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    private static String attribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    private HeadlessChromium() {
    }
}
