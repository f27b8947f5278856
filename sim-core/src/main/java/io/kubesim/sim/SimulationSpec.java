package io.kubesim.sim;

import io.kubesim.api.Collections2;
import io.kubesim.api.Manifest;
import io.kubesim.app.ApplicationModel;
import java.util.List;
import java.util.Map;

/**
 * Everything a scenario says, in simulation terms: what the scenario file and the manifests it
 * names were read into.
 *
 * @param name            the scenario's name
 * @param seed            the seed of every random stream
 * @param duration        how long to simulate, in microseconds
 * @param sampleInterval  how often time series are sampled, in microseconds
 * @param nodePools       the cluster's nodes
 * @param manifests       the objects to create at time 0, in file order
 * @param applications    application models by workload ({@code name} or {@code ns/name})
 * @param defaultApplication the model for workloads not listed
 * @param timeline        actions in time order
 */
public record SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                             List<Manifest> manifests, Map<String, ApplicationModel> applications,
                             ApplicationModel defaultApplication, List<TimelineAction> timeline) {
    public SimulationSpec {
        nodePools = List.copyOf(nodePools);
        manifests = List.copyOf(manifests);
        applications = Collections2.sortedCopy(applications);
        timeline = List.copyOf(timeline);
    }
}
