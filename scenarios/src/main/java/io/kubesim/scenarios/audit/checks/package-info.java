/** The audit's checks, one class per rule; {@link io.kubesim.scenarios.audit.AuditChecks} lists them in audit order. */
package io.kubesim.scenarios.audit.checks;
