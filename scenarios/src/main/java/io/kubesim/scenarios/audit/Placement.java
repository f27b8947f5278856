package io.kubesim.scenarios.audit;

import java.util.Map;

/**
 * Where the scheduler put each workload's pods when the audited manifests ran on a cluster (the
 * scenario's, or the generated drill cluster): for the checks that judge the blast radius of one
 * node as the placement really is, not only as the manifests allow it.
 *
 * @param cluster    how the cluster reads in messages, e.g. {@code the scenario's 3 nodes}
 * @param podsByNode per workload ({@code ns/name}) its running pods per node name, in node order
 * @param zoneOf     each node's zone ("" when it has none)
 */
public record Placement(String cluster, Map<String, Map<String, Integer>> podsByNode, Map<String, String> zoneOf) {
}
