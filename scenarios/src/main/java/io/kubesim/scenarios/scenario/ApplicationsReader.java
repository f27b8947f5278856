package io.kubesim.scenarios.scenario;

import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.DurationDistribution;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code applications}: the {@code default} entry overrides {@link ApplicationModel#DEFAULT}
 * field by field, and each named workload's entry overrides the {@code default} entry. Names must
 * resolve to a Deployment, ReplicaSet or Pod in the manifests; {@code serving} is read by
 * {@link ServingReader}, field by field over the {@code default} entry's.
 */
final class ApplicationsReader {
    /** The default model and the models by workload name as written in the file. */
    record Applications(ApplicationModel defaults, Map<String, ApplicationModel> byWorkload) {
    }

    private ApplicationsReader() {
    }

    static Applications read(ScenarioNode n, WorkloadIndex workloads, WorkloadIndex services) {
        if (!n.isPresent()) {
            return new Applications(ApplicationModel.DEFAULT, Map.of());
        }
        Map<String, ScenarioNode> entries = n.entries();
        ApplicationModel defaults = ApplicationModel.DEFAULT;
        ScenarioNode d = entries.get(ScenarioFormat.DEFAULT_APPLICATION);
        if (d != null) {
            defaults = model(d, ApplicationModel.DEFAULT, services);
        }
        Map<String, ApplicationModel> byWorkload = new LinkedHashMap<>();
        for (Map.Entry<String, ScenarioNode> e : entries.entrySet()) {
            if (e.getKey().equals(ScenarioFormat.DEFAULT_APPLICATION)) {
                continue;
            }
            workloads.resolve(e.getKey(), e.getValue()::errorAtKey);
            byWorkload.put(e.getKey(), model(e.getValue(), defaults, services));
        }
        return new Applications(defaults, byWorkload);
    }

    private static ApplicationModel model(ScenarioNode n, ApplicationModel base, WorkloadIndex services) {
        n.object("Application");
        return new ApplicationModel(
                field(n, "imagePullTime", base.imagePullTime()),
                field(n, "startupTime", base.startupTime()),
                field(n, "shutdownTime", base.shutdownTime()),
                field(n, "crashAfter", base.crashAfter()),
                field(n, "preStopTime", base.preStopTime()),
                ServingReader.read(n.get("serving"), base.serving(), services),
                UsageReader.read(n.get("usage"), base.usage()));
    }

    private static DurationDistribution field(ScenarioNode n, String name, DurationDistribution base) {
        ScenarioNode f = n.get(name);
        return f.isPresent() ? DistributionReader.read(f) : base;
    }
}
