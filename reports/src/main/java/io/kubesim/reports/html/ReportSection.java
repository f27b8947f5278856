package io.kubesim.reports.html;

/**
 * One part of report.html (the verdict, a chart, a table). Sections are independent: each reads
 * what it needs from the run and writes its own HTML fragment, or nothing when the run has no
 * data for it (a run without traffic has no request charts).
 */
public interface ReportSection {
    /** The anchor of the section, unique in the page: lower case letters and dashes. */
    String id();

    /** The section's heading. */
    String title();

    /** The section's body as HTML (every name escaped with {@link Html#escape}), or "" to leave it out. */
    String render(ReportContext context);
}
