package io.kubesim.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * report.html: one self-contained page (inline CSS and SVG, no network, no external script or
 * font) telling a run's story in the order a person reads it. The sections are a table, like the
 * controller table: a new chart is its own class plus one entry.
 */
public final class HtmlReport {
    /** The sections in page order. */
    static List<ReportSection> sections() {
        return List.of(
                new VerdictSection(),
                new ReplicasSection(),
                new RequestsSection(),
                new LatencySection(),
                new ClusterSection(),
                new HpaSection(),
                new NodesSection(),
                new PlacementSection(),
                new ActionCostSection(),
                new EventsSection());
    }

    private HtmlReport() {
    }

    /** The page of the run in {@code context}. */
    public static String render(ReportContext context) {
        String scenario = context.run().summary().path("scenario").asText();
        StringBuilder body = new StringBuilder();
        StringBuilder nav = new StringBuilder();
        for (ReportSection s : sections()) {
            String html = s.render(context);
            if (html.isEmpty()) {
                continue;
            }
            nav.append("<a href=\"#").append(s.id()).append("\">").append(Html.escape(s.title())).append("</a>\n");
            body.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(Html.escape(s.title()))
                    .append("</h2>\n").append(html).append("\n</section>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>kubesim: " + Html.escape(scenario) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n"
                + "<header><h1>kubesim: " + Html.escape(scenario) + "</h1>\n<nav>\n" + nav + "</nav>\n</header>\n"
                + "<main>\n" + body + "</main>\n</body>\n</html>\n";
    }

    /** Writes the page to {@code file}. */
    public static void write(ReportContext context, Path file) throws IOException {
        Files.writeString(file, render(context), StandardCharsets.UTF_8);
    }

    public static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d1d1f; }
            header { background: #0f3d63; color: #fff; padding: 12px 24px; }
            header h1 { margin: 0 0 6px; font-size: 20px; }
            nav a { color: #cfe3f5; margin-right: 14px; font-size: 13px; }
            main { padding: 8px 24px 40px; max-width: 1000px; }
            section { margin-top: 20px; }
            h2 { font-size: 16px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            .verdict { padding: 10px 14px; border-radius: 6px; font-weight: 600; }
            .verdict.pass { background: #e6f4ea; color: #137333; }
            .verdict.fail { background: #fce8e6; color: #a50e0e; }
            .verdict.info { background: #eef3f8; color: #0f3d63; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { border-bottom: 1px solid #eee; padding: 4px 10px; text-align: left; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            svg { max-width: 100%; height: auto; }
            /* action costs, events (report-tables) */
            table.costs td { vertical-align: top; }
            div.events { max-height: 480px; overflow-y: auto; border: 1px solid #eee; }
            #events-table td { vertical-align: top; }
            #events-table tr.warning td { background: #fff4e5; }
            /* time-series charts (requests, latency, cluster, hpa, nodes): the note naming what was left out */
            p.more { font-size: 12px; color: #555; margin: 2px 0 10px; }
            """;
}
