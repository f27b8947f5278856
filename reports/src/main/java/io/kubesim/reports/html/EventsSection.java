package io.kubesim.reports.html;

import java.util.List;

/**
 * The events of events.jsonl as a table (time, type, reason, object, message) with a small inline
 * script that filters the rows by text and to Warnings only. The rows are HTML (every cell
 * escaped), not data inside the script, so the page reads without scripts too. A large run keeps
 * the first {@link #MAX_WARNINGS} Warnings and the first {@link #MAX_OTHERS} other events, in
 * time order, and says how many it left out.
 */
final class EventsSection implements ReportSection {
    static final int MAX_WARNINGS = 1000;
    static final int MAX_OTHERS = 1000;

    /** Filters the rows of the events table as the text box and the checkbox say; no network, no data. */
    private static final String SCRIPT = """
            <script>
            (function () {
              var text = document.getElementById('events-text');
              var warn = document.getElementById('events-warnings');
              var rows = document.querySelectorAll('#events-table tbody tr');
              function apply() {
                var q = text.value.toLowerCase();
                for (var i = 0; i < rows.length; i++) {
                  var r = rows[i];
                  var show = (!warn.checked || r.className === 'warning')
                      && (q === '' || r.textContent.toLowerCase().indexOf(q) >= 0);
                  r.style.display = show ? '' : 'none';
                }
              }
              text.addEventListener('input', apply);
              warn.addEventListener('change', apply);
            })();
            </script>
            """;

    @Override
    public String id() {
        return "events";
    }

    @Override
    public String title() {
        return "Events";
    }

    @Override
    public String render(ReportContext c) {
        int events = 0;
        int warnings = 0;
        int others = 0;
        int warningsLeft = 0;
        int othersLeft = 0;
        StringBuilder rows = new StringBuilder();
        for (RunEvents.Event e : c.run().events()) {
            events++;
            boolean warning = e.type().equals("Warning");
            if (warning ? warnings == MAX_WARNINGS : others == MAX_OTHERS) {
                if (warning) {
                    warningsLeft++;
                } else {
                    othersLeft++;
                }
                continue;
            }
            if (warning) {
                warnings++;
            } else {
                others++;
            }
            rows.append(warning ? "<tr class=\"warning\">" : "<tr>")
                    .append("<td class=\"num\">").append(Html.escape(e.time()))
                    .append("</td><td>").append(Html.escape(e.type()))
                    .append("</td><td>").append(Html.escape(e.reason()))
                    .append("</td><td>").append(Html.escape(e.object()))
                    .append("</td><td>").append(Html.escape(e.message()))
                    .append("</td></tr>\n");
        }
        if (events == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("<p><input id=\"events-text\" type=\"search\" placeholder=\"filter by text\"> ")
                .append("<label><input id=\"events-warnings\" type=\"checkbox\"> Warnings only</label></p>\n");
        if (warningsLeft + othersLeft > 0) {
            out.append("<p>").append(String.format(java.util.Locale.ROOT, "%,d", events))
                    .append(" events in events.jsonl: the first ").append(warnings).append(" Warning(s) and the first ")
                    .append(others).append(" other event(s) are shown; ")
                    .append(warningsLeft).append(" Warning(s) and ").append(othersLeft)
                    .append(" other event(s) are left out</p>\n");
        }
        out.append("<div class=\"events\"><table id=\"events-table\">\n<thead><tr><th class=\"num\">time (s)</th><th>type</th>"
                + "<th>reason</th><th>object</th><th>message</th></tr></thead>\n<tbody>\n")
                .append(rows).append("</tbody>\n</table></div>\n").append(SCRIPT);
        return out.toString();
    }
}
