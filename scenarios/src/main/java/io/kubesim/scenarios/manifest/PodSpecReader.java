package io.kubesim.scenarios.manifest;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a pod spec (and a pod template) with the API defaults: terminationGracePeriodSeconds 30,
 * restartPolicy Always, schedulerName default-scheduler (pkg/apis/core/v1/defaults.go,
 * k8s-semantics.md 4.3).
 */
final class PodSpecReader {
    private PodSpecReader() {
    }

    static PodTemplate template(ObjectContext ctx, String pointer, io.fabric8.kubernetes.api.model.PodTemplateSpec t) {
        if (t == null) {
            throw ctx.error(pointer, "spec.template is required");
        }
        var meta = t.getMetadata();
        Map<String, String> labels = meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
        Map<String, String> annotations = meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        return new PodTemplate(labels, annotations, spec(ctx, pointer + "/spec", t.getSpec()));
    }

    static PodSpec spec(ObjectContext ctx, String pointer, io.fabric8.kubernetes.api.model.PodSpec s) {
        if (s == null || s.getContainers() == null || s.getContainers().isEmpty()) {
            throw ctx.error(pointer, "a pod spec needs at least one container (spec.containers)");
        }
        boolean hostNetwork = Boolean.TRUE.equals(s.getHostNetwork());
        Set<String> names = new TreeSet<>();
        List<Container> containers = containers(ctx, pointer + "/containers", s.getContainers(), false, hostNetwork, names);
        List<Container> init = containers(ctx, pointer + "/initContainers", s.getInitContainers(), true, hostNetwork, names);
        Long grace = s.getTerminationGracePeriodSeconds();
        if (grace != null && grace < 0) {
            throw ctx.error(pointer + "/terminationGracePeriodSeconds", "must be greater than or equal to 0, got " + grace);
        }
        String restart = s.getRestartPolicy();
        if (restart != null && !List.of("Always", "OnFailure", "Never").contains(restart)) {
            throw ctx.error(pointer + "/restartPolicy", "expected Always, OnFailure or Never, got \"" + restart + "\"");
        }
        String preemption = s.getPreemptionPolicy();
        if (preemption != null && !preemption.equals("Never") && !preemption.equals("PreemptLowerPriority")) {
            throw ctx.error(pointer + "/preemptionPolicy", "expected PreemptLowerPriority or Never, got \""
                    + preemption + "\"");
        }
        Resources overhead = ResourcesReader.read(ctx, pointer + "/overhead", s.getOverhead());
        return new PodSpec(containers, init, s.getNodeSelector() == null ? Map.of() : s.getNodeSelector(),
                SchedulingReader.affinity(ctx, pointer + "/affinity", s.getAffinity()),
                SchedulingReader.tolerations(ctx, pointer + "/tolerations", s.getTolerations()),
                SchedulingReader.spread(ctx, pointer + "/topologySpreadConstraints", s.getTopologySpreadConstraints()),
                s.getPriorityClassName(), null, "Never".equals(preemption),
                grace == null ? PodSpec.DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS : grace, s.getNodeName(),
                s.getSchedulerName(), restart, overhead, hostNetwork,
                ReadinessGatesReader.read(ctx, pointer + "/readinessGates", s.getReadinessGates()),
                StorageReader.podVolumes(ctx, pointer + "/volumes", s.getVolumes()));
    }

    private static List<Container> containers(ObjectContext ctx, String pointer,
                                              List<io.fabric8.kubernetes.api.model.Container> list, boolean init,
                                              boolean hostNetwork, Set<String> names) {
        List<Container> out = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            Container c = ContainerReader.read(ctx, pointer + "/" + i, list.get(i), init, hostNetwork);
            if (!names.add(c.name())) {
                throw ctx.error(pointer + "/" + i + "/name", "duplicate container name \"" + c.name() + "\"");
            }
            out.add(c);
        }
        return out;
    }
}
