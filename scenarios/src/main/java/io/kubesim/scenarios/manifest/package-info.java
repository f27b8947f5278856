/**
 * Kubernetes manifests into {@link io.kubesim.api.Manifest} records.
 *
 * <p>{@link io.kubesim.scenarios.manifest.ManifestLoader} drives it: per document it picks the
 * fabric8 class from apiVersion and kind ({@link io.kubesim.scenarios.manifest.ApiKind}), checks
 * the located tree against that class (SchemaCheck: unknown fields, shapes, quantities), binds
 * it (Binder) and converts it with the API defaults of its version: WorkloadReader (Deployments,
 * ReplicaSets), PodSpecReader, ContainerReader, ProbeReader, PreStopReader, ResourcesReader,
 * SchedulingReader, SelectorReader, ServiceReader, HorizontalPodAutoscalerReader (with
 * HorizontalPodAutoscalerConversion for autoscaling/v2beta1). Each reader names the upstream
 * defaulting or validation rule it follows. An object with an error is left out and the load goes
 * on, so that one load reports every error; kinds it does not model are skipped with a warning.
 */
package io.kubesim.scenarios.manifest;
