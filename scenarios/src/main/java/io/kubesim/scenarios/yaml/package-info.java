/**
 * YAML with locations: {@link io.kubesim.scenarios.yaml.YamlReader} reads multi-document
 * streams into Jackson trees ({@link io.kubesim.scenarios.yaml.YamlDocument}) that remember the
 * line and column of every node and key, addressed by JSON-Pointer paths
 * ({@link io.kubesim.scenarios.yaml.Pointers}). Anchors, aliases and merge keys are resolved as
 * kubectl resolves them, alias expansion bounded by {@link io.kubesim.scenarios.yaml.AliasBudget}.
 * Everything that reports a located error or warning about a YAML input goes through here.
 */
package io.kubesim.scenarios.yaml;
