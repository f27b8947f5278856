/**
 * The scenario file format ({@code kubesim.io/v1alpha1 Scenario}, docs/scenario-format.md).
 *
 * <p>{@link io.kubesim.scenarios.scenario.ScenarioFormat} lists every object and field (and is
 * kept equal to docs/scenario.schema.json by a test); ScenarioNode gives strict, located
 * accessors; NodePoolReader, ApplicationsReader, DistributionReader and TimelineReader read the
 * parts; WorkloadIndex resolves workload names against the manifests;
 * {@link io.kubesim.scenarios.scenario.ScenarioReader} puts them together.
 */
package io.kubesim.scenarios.scenario;
