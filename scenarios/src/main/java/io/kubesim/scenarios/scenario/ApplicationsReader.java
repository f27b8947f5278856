package io.kubesim.scenarios.scenario;

import io.kubesim.api.Manifest;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ContainerModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.scenarios.Suggestions;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code applications}: the {@code default} entry overrides {@link ApplicationModel#DEFAULT}
 * field by field, and each named workload's entry overrides the {@code default} entry. Names must
 * resolve to a workload in the manifests (Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet,
 * ReplicationController or Pod); {@code serving} is read by
 * {@link ServingReader}, field by field over the {@code default} entry's. {@code containers} names
 * single containers of the workload (of some workload, in the {@code default} entry); a workload's
 * entry for a container lies over the {@code default} entry's for the same name, field by field.
 */
final class ApplicationsReader {
    /**
     * The default model and the models by workload name as written in the file, and the workloads
     * whose model sets {@code preStopTime} (all of them when the {@code default} entry does).
     */
    record Applications(ApplicationModel defaults, Map<String, ApplicationModel> byWorkload,
                        boolean defaultSetsPreStopTime, Set<Manifest> setPreStopTime,
                        Map<String, java.util.List<io.kubesim.app.ApplicationVersion>> versions) {
        /** Whether {@code workload}'s model takes its preStopTime from the scenario. */
        boolean setsPreStopTime(Manifest workload) {
            return defaultSetsPreStopTime || setPreStopTime.contains(workload);
        }

        /** {@code workload}'s model: its entry by namespace/name, else by name, else the default. */
        ApplicationModel of(Manifest workload) {
            return byWorkload.containsKey(workload.key()) ? byWorkload.get(workload.key())
                    : byWorkload.getOrDefault(workload.name(), defaults);
        }

        /** The name of {@code workload}'s entry under {@code applications}: namespace/name outside the default namespace. */
        static String entryName(Manifest workload) {
            return workload.namespace().isEmpty() || workload.namespace().equals("default") ? workload.name()
                    : workload.key();
        }
    }

    private ApplicationsReader() {
    }

    static Applications read(ScenarioNode n, WorkloadIndex workloads, WorkloadIndex services) {
        if (!n.isPresent()) {
            return new Applications(ApplicationModel.DEFAULT, Map.of(), false, Set.of(), Map.of());
        }
        Map<String, ScenarioNode> entries = n.entries();
        ApplicationModel defaults = ApplicationModel.DEFAULT;
        ScenarioNode d = entries.get(ScenarioFormat.DEFAULT_APPLICATION);
        if (d != null) {
            if (d.get("versions").isPresent()) {
                throw d.get("versions").errorAtKey("versions belong to a workload: name it under applications");
            }
            defaults = model(d, "Application", ApplicationModel.DEFAULT, services,
                    new Containers(WorkloadContainers.union(workloads.all()), true));
        }
        Map<String, java.util.List<io.kubesim.app.ApplicationVersion>> versions = new LinkedHashMap<>();
        Map<String, ApplicationModel> byWorkload = new LinkedHashMap<>();
        Set<Manifest> setPreStopTime = new LinkedHashSet<>();
        for (Map.Entry<String, ScenarioNode> e : entries.entrySet()) {
            if (e.getKey().equals(ScenarioFormat.DEFAULT_APPLICATION)) {
                continue;
            }
            Manifest workload = workloads.resolve(e.getKey(), e.getValue()::errorAtKey);
            Containers known = new Containers(WorkloadContainers.of(workload), false);
            ApplicationModel model = model(e.getValue(), "Application", defaults, services, known);
            byWorkload.put(e.getKey(), model);
            ScenarioNode vs = e.getValue().get("versions");
            if (vs.isPresent()) {
                java.util.List<io.kubesim.app.ApplicationVersion> list = new java.util.ArrayList<>();
                for (ScenarioNode v : vs.items()) {
                    list.add(version(v, model, services, known));
                }
                versions.put(e.getKey(), list);
            }
            if (e.getValue().get("preStopTime").isPresent()) {
                setPreStopTime.add(workload);
            }
        }
        return new Applications(defaults, byWorkload, d != null && d.get("preStopTime").isPresent(), setPreStopTime,
                versions);
    }

    /**
     * One entry of a workload's {@code versions}: exactly one of {@code image}, {@code label} and
     * {@code annotation} ({@code key=value}) to match the version's pods, and any application field,
     * each over the workload's model.
     */
    private static io.kubesim.app.ApplicationVersion version(ScenarioNode v, ApplicationModel base,
                                                           WorkloadIndex services, Containers known) {
        ApplicationModel model = model(v, "ApplicationVersion", base, services, known);
        String image = v.get("image").isPresent() ? v.get("image").nonEmptyText() : null;
        String label = pair(v.get("label"));
        String annotation = pair(v.get("annotation"));
        int keys = (image == null ? 0 : 1) + (label == null ? 0 : 1) + (annotation == null ? 0 : 1);
        if (keys != 1) {
            throw v.error("expected exactly one of image, label (key=value) and annotation (key=value) to say which "
                    + "pods are this version, got " + (keys == 0 ? "none" : keys));
        }
        return new io.kubesim.app.ApplicationVersion(image, label, annotation, model);
    }

    /** A {@code key=value} pair, or null when absent. */
    private static String pair(ScenarioNode n) {
        if (!n.isPresent()) {
            return null;
        }
        String t = n.nonEmptyText();
        int eq = t.indexOf('=');
        if (eq <= 0) {
            throw n.error("expected key=value, got \"" + t + "\"");
        }
        return t;
    }

    /** The containers an entry may name: its workload's, or any workload's for the default entry. */
    private record Containers(WorkloadContainers known, boolean anyWorkload) {
    }

    private static ApplicationModel model(ScenarioNode n, String object, ApplicationModel base, WorkloadIndex services,
                                          Containers known) {
        n.object(object);
        return new ApplicationModel(
                field(n, "imagePullTime", base.imagePullTime()),
                field(n, "startupTime", base.startupTime()),
                field(n, "shutdownTime", base.shutdownTime()),
                field(n, "crashAfter", base.crashAfter()),
                field(n, "preStopTime", base.preStopTime()),
                ServingReader.read(n.get("serving"), base.serving(), services),
                UsageReader.read(n.get("usage"), base.usage()),
                field(n, "initTime", base.initTime()),
                containers(n.get("containers"), base.containers(), known),
                field(n, "runTime", base.runTime()),
                n.get("failureProbability").isPresent() ? probability(n.get("failureProbability"))
                        : base.failureProbability());
    }

    /** {@code failureProbability}: a number from 0 to 1. */
    private static double probability(ScenarioNode n) {
        double p = n.nonNegativeNumber("a probability");
        if (p > 1) {
            throw n.error("expected a probability from 0 to 1, got " + n.scalarText());
        }
        return p;
    }

    /**
     * {@code containers}: per container name, {@code usage}, {@code initTime}, {@code runTime} and
     * {@code failureProbability}, laid over the base model's entry of the same name. An unknown
     * name, {@code initTime} on a container that is not a plain init container, or a run time on
     * one that is not an app container, is a located error.
     */
    private static Map<String, ContainerModel> containers(ScenarioNode n, Map<String, ContainerModel> base,
                                                          Containers known) {
        Map<String, ContainerModel> out = new TreeMap<>(base);
        if (!n.isPresent()) {
            return out;
        }
        for (Map.Entry<String, ScenarioNode> e : n.entries().entrySet()) {
            String name = e.getKey();
            ScenarioNode c = e.getValue();
            WorkloadContainers.Role role = known.known().role(name);
            if (role == null) {
                throw c.errorAtKey((known.anyWorkload() ? "no workload in the manifests has a container named \""
                        : "the workload has no container named \"") + name + "\""
                        + Suggestions.didYouMean(name, known.known().names())
                        + (known.known().names().isEmpty() ? "" : " (its containers: "
                        + String.join(", ", known.known().names()) + ")"));
            }
            c.object("ApplicationContainer");
            ScenarioNode init = c.get("initTime");
            if (init.isPresent() && !known.anyWorkload() && role != WorkloadContainers.Role.INIT) {
                throw init.errorAtKey("initTime is how long a plain init container runs; \"" + name + "\" is "
                        + role.label + " (its start-up is the application's startupTime)");
            }
            for (String field : List.of("runTime", "failureProbability")) {
                ScenarioNode f = c.get(field);
                if (f.isPresent() && !known.anyWorkload() && role != WorkloadContainers.Role.SERVING
                        && role != WorkloadContainers.Role.APP) {
                    throw f.errorAtKey(field + " is for app containers that run to completion; \"" + name + "\" is "
                            + role.label);
                }
            }
            ScenarioNode run = c.get("runTime");
            ScenarioNode fail = c.get("failureProbability");
            ContainerModel m = new ContainerModel(UsageReader.readOverride(c.get("usage")),
                    init.isPresent() ? DistributionReader.read(init) : null,
                    run.isPresent() ? DistributionReader.read(run) : null,
                    fail.isPresent() ? Double.valueOf(probability(fail)) : null);
            ContainerModel under = out.get(name);
            out.put(name, under == null ? m : under.then(m));
        }
        return out;
    }

    private static DurationDistribution field(ScenarioNode n, String name, DurationDistribution base) {
        ScenarioNode f = n.get(name);
        return f.isPresent() ? DistributionReader.read(f) : base;
    }
}
