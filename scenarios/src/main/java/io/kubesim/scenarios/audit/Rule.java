package io.kubesim.scenarios.audit;

/**
 * What a check asks for: a stable id (SARIF's rule id, what {@code --fail-on-severity} counts), its
 * area and severity, a one-line title and the help that says why it matters.
 */
public record Rule(String id, AuditArea area, Severity severity, String title, String help) {
}
