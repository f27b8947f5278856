package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.NodeSelectorTerm;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads label selectors and node selector terms; an unknown operator is an error at its place. */
final class SelectorReader {
    private SelectorReader() {
    }

    /** A label selector; {@code null} stays null (it matches nothing where the API allows it). */
    static LabelSelector labelSelector(ObjectContext ctx, String pointer, io.fabric8.kubernetes.api.model.LabelSelector s) {
        if (s == null) {
            return null;
        }
        List<Requirement> reqs = new ArrayList<>();
        List<LabelSelectorRequirement> exprs = s.getMatchExpressions() == null ? List.of() : s.getMatchExpressions();
        for (int i = 0; i < exprs.size(); i++) {
            LabelSelectorRequirement r = exprs.get(i);
            String p = pointer + "/matchExpressions/" + i;
            SelectorOperator op = SelectorOperator.parse(r.getOperator());
            if (op == null || op == SelectorOperator.GT || op == SelectorOperator.LT) {
                throw ctx.error(p + "/operator", "expected one of In, NotIn, Exists, DoesNotExist, got \""
                        + r.getOperator() + "\"");
            }
            reqs.add(requirement(ctx, p, r.getKey(), op, r.getValues()));
        }
        Map<String, String> labels = s.getMatchLabels() == null ? Map.of() : s.getMatchLabels();
        return new LabelSelector(labels, reqs);
    }

    static NodeSelectorTerm nodeSelectorTerm(ObjectContext ctx, String pointer,
                                             io.fabric8.kubernetes.api.model.NodeSelectorTerm t) {
        return new NodeSelectorTerm(nodeRequirements(ctx, pointer + "/matchExpressions", t.getMatchExpressions()),
                nodeRequirements(ctx, pointer + "/matchFields", t.getMatchFields()));
    }

    private static List<Requirement> nodeRequirements(ObjectContext ctx, String pointer,
                                                      List<NodeSelectorRequirement> list) {
        List<Requirement> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            NodeSelectorRequirement r = list.get(i);
            String p = pointer + "/" + i;
            SelectorOperator op = SelectorOperator.parse(r.getOperator());
            if (op == null) {
                throw ctx.error(p + "/operator", "expected one of In, NotIn, Exists, DoesNotExist, Gt, Lt, got \""
                        + r.getOperator() + "\"");
            }
            out.add(requirement(ctx, p, r.getKey(), op, r.getValues()));
        }
        return out;
    }

    private static Requirement requirement(ObjectContext ctx, String pointer, String key, SelectorOperator op,
                                           List<String> values) {
        if (key == null || key.isEmpty()) {
            throw ctx.error(pointer, "a selector requirement needs a key");
        }
        List<String> v = values == null ? List.of() : values;
        boolean needsValues = op == SelectorOperator.IN || op == SelectorOperator.NOT_IN;
        if (needsValues && v.isEmpty()) {
            throw ctx.error(pointer, "operator " + op.wireName() + " needs at least one value");
        }
        if (!needsValues && (op == SelectorOperator.EXISTS || op == SelectorOperator.DOES_NOT_EXIST) && !v.isEmpty()) {
            throw ctx.error(pointer + "/values", "operator " + op.wireName() + " takes no values");
        }
        return new Requirement(key, op, v);
    }
}
