package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kubesim.api.Affinity;
import io.kubesim.api.NodeAffinity;
import io.kubesim.api.NodeSelectorTerm;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.api.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads the scheduling constraints of a pod spec: affinity, tolerations and topology spread. */
final class SchedulingReader {
    private SchedulingReader() {
    }

    static Affinity affinity(ObjectContext ctx, String pointer, io.fabric8.kubernetes.api.model.Affinity a) {
        if (a == null) {
            return Affinity.NONE;
        }
        NodeAffinity node = null;
        if (a.getNodeAffinity() != null) {
            var na = a.getNodeAffinity();
            String p = pointer + "/nodeAffinity";
            List<NodeSelectorTerm> required = null;
            if (na.getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
                required = new ArrayList<>();
                var terms = na.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
                for (int i = 0; terms != null && i < terms.size(); i++) {
                    required.add(SelectorReader.nodeSelectorTerm(ctx,
                            p + "/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/" + i, terms.get(i)));
                }
            }
            List<NodeAffinity.PreferredTerm> preferred = new ArrayList<>();
            List<PreferredSchedulingTerm> pref = na.getPreferredDuringSchedulingIgnoredDuringExecution();
            for (int i = 0; pref != null && i < pref.size(); i++) {
                String pp = p + "/preferredDuringSchedulingIgnoredDuringExecution/" + i;
                int w = weight(ctx, pp, pref.get(i).getWeight());
                var term = pref.get(i).getPreference() == null ? new NodeSelectorTerm(List.of(), List.of())
                        : SelectorReader.nodeSelectorTerm(ctx, pp + "/preference", pref.get(i).getPreference());
                preferred.add(new NodeAffinity.PreferredTerm(w, term));
            }
            node = new NodeAffinity(required, preferred);
        }
        PodAffinityTerm.Rules podAffinity = a.getPodAffinity() == null ? PodAffinityTerm.Rules.NONE
                : rules(ctx, pointer + "/podAffinity",
                a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
                a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
        PodAffinityTerm.Rules podAntiAffinity = a.getPodAntiAffinity() == null ? PodAffinityTerm.Rules.NONE
                : rules(ctx, pointer + "/podAntiAffinity",
                a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
                a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
        return new Affinity(node, podAffinity, podAntiAffinity);
    }

    private static PodAffinityTerm.Rules rules(ObjectContext ctx, String pointer,
                                               List<io.fabric8.kubernetes.api.model.PodAffinityTerm> required,
                                               List<WeightedPodAffinityTerm> preferred) {
        List<PodAffinityTerm> req = new ArrayList<>();
        for (int i = 0; required != null && i < required.size(); i++) {
            req.add(term(ctx, pointer + "/requiredDuringSchedulingIgnoredDuringExecution/" + i, required.get(i)));
        }
        List<PodAffinityTerm.Weighted> pref = new ArrayList<>();
        for (int i = 0; preferred != null && i < preferred.size(); i++) {
            String p = pointer + "/preferredDuringSchedulingIgnoredDuringExecution/" + i;
            if (preferred.get(i).getPodAffinityTerm() == null) {
                throw ctx.error(p, "podAffinityTerm is required");
            }
            pref.add(new PodAffinityTerm.Weighted(weight(ctx, p, preferred.get(i).getWeight()),
                    term(ctx, p + "/podAffinityTerm", preferred.get(i).getPodAffinityTerm())));
        }
        return new PodAffinityTerm.Rules(req, pref);
    }

    private static PodAffinityTerm term(ObjectContext ctx, String pointer, io.fabric8.kubernetes.api.model.PodAffinityTerm t) {
        if (t.getTopologyKey() == null || t.getTopologyKey().isEmpty()) {
            throw ctx.error(pointer, "topologyKey is required");
        }
        Set<String> namespaces = new TreeSet<>(t.getNamespaces() == null ? List.of() : t.getNamespaces());
        return new PodAffinityTerm(SelectorReader.labelSelector(ctx, pointer + "/labelSelector", t.getLabelSelector()),
                namespaces, SelectorReader.labelSelector(ctx, pointer + "/namespaceSelector", t.getNamespaceSelector()),
                t.getTopologyKey());
    }

    private static int weight(ObjectContext ctx, String pointer, Integer w) {
        if (w == null || w < 1 || w > 100) {
            throw ctx.error(pointer + "/weight", "weight must be in the range 1-100, got " + w);
        }
        return w;
    }

    static List<Toleration> tolerations(ObjectContext ctx, String pointer,
                                        List<io.fabric8.kubernetes.api.model.Toleration> list) {
        List<Toleration> out = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            var t = list.get(i);
            String p = pointer + "/" + i;
            String op = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
            if (!op.equals("Equal") && !op.equals("Exists")) {
                throw ctx.error(p + "/operator", "expected Equal or Exists, got \"" + op + "\"");
            }
            TaintEffect effect = null;
            if (t.getEffect() != null && !t.getEffect().isEmpty()) {
                effect = TaintEffect.parse(t.getEffect());
                if (effect == null) {
                    throw ctx.error(p + "/effect", "expected NoSchedule, PreferNoSchedule or NoExecute, got \""
                            + t.getEffect() + "\"");
                }
            }
            out.add(new Toleration(t.getKey(), op.equals("Exists"), t.getValue(), effect, t.getTolerationSeconds()));
        }
        return out;
    }

    static List<TopologySpreadConstraint> spread(ObjectContext ctx, String pointer,
                                                 List<io.fabric8.kubernetes.api.model.TopologySpreadConstraint> list) {
        List<TopologySpreadConstraint> out = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            var c = list.get(i);
            String p = pointer + "/" + i;
            if (c.getMaxSkew() == null || c.getMaxSkew() < 1) {
                throw ctx.error(p + "/maxSkew", "maxSkew must be at least 1, got " + c.getMaxSkew());
            }
            if (c.getTopologyKey() == null || c.getTopologyKey().isEmpty()) {
                throw ctx.error(p, "topologyKey is required");
            }
            String when = c.getWhenUnsatisfiable();
            if (!"DoNotSchedule".equals(when) && !"ScheduleAnyway".equals(when)) {
                throw ctx.error(p + "/whenUnsatisfiable", "expected DoNotSchedule or ScheduleAnyway, got "
                        + (when == null ? "nothing" : "\"" + when + "\""));
            }
            out.add(new TopologySpreadConstraint(c.getMaxSkew(), c.getTopologyKey(), when.equals("DoNotSchedule"),
                    SelectorReader.labelSelector(ctx, p + "/labelSelector", c.getLabelSelector()), c.getMinDomains(),
                    !"Ignore".equals(c.getNodeAffinityPolicy()), "Honor".equals(c.getNodeTaintsPolicy()),
                    c.getMatchLabelKeys() == null ? List.of() : c.getMatchLabelKeys()));
        }
        return out;
    }
}
