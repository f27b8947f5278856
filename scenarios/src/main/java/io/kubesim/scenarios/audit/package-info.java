/**
 * {@code kubesim audit}: the production-readiness review an expert makes of a set of manifests,
 * as findings located at the field they are about. The input is read as written ({@link
 * AuditObject}: every object, modelled by the simulator or not), the checks run in the order of
 * {@link AuditChecks} (one class per check), and each {@link Finding} carries the fix it
 * recommends. The audit order ({@link AuditArea}) follows the seed's practice: resources, PDB
 * coverage, probes, rolling updates, draining, autoscaling, blast radius, RBAC, NetworkPolicies,
 * API versions, rollback history.
 */
package io.kubesim.scenarios.audit;
