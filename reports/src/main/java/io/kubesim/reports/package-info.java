/**
 * Writing results out per the output contract in DESIGN.md: {@code summary.json},
 * {@code timeseries.csv} (long format) and {@code events.jsonl}, plus the short human summary
 * {@code kubesim run} prints. Files are staged in a hidden folder inside the output directory and
 * moved into place only when the run has finished, so a failed run leaves nothing half-written.
 */
package io.kubesim.reports;
