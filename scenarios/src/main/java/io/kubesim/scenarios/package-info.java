/**
 * Reading the world in: scenario files and Kubernetes manifests, turned into the records the
 * simulation runs on.
 *
 * <p>Entry points: {@link io.kubesim.scenarios.ScenarioLoader#load(java.nio.file.Path)} for a
 * scenario, {@link io.kubesim.scenarios.manifest.ManifestLoader} for plain manifests (files,
 * directories, standard input). Both return a {@link io.kubesim.scenarios.Loaded} value with its
 * warnings ({@link io.kubesim.scenarios.Diagnostic}) and throw one
 * {@link io.kubesim.scenarios.InputException} ({@code FILE:LINE:COL: message}) for bad input.
 * {@link io.kubesim.scenarios.Durations} and {@link io.kubesim.scenarios.Quantities} parse the two
 * value grammars both formats share.
 */
package io.kubesim.scenarios;
