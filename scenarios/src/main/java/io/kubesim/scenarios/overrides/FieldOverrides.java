package io.kubesim.scenarios.overrides;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.yaml.NodeTypes;
import io.kubesim.scenarios.yaml.Pointers;
import io.kubesim.scenarios.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code --set} overrides of one command, applied to the YAML trees before they are read:
 * the scenario's to the scenario file, each object's to its manifest document, so that every
 * check the loader makes runs on the result and reports a set value at its argument. A target
 * that matches no object is an error at its argument once everything is loaded.
 */
public final class FieldOverrides {
    public static final FieldOverrides NONE = new FieldOverrides(List.of());

    private final List<FieldOverride> overrides;
    private final boolean[] applied;

    private FieldOverrides(List<FieldOverride> overrides) {
        this.overrides = List.copyOf(overrides);
        this.applied = new boolean[overrides.size()];
    }

    /** Parses {@code --set} arguments in command-line order; throws at the first bad one. */
    public static FieldOverrides parse(List<String> args) {
        List<FieldOverride> list = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            list.add(FieldOverride.parse(i + 1, args.get(i)));
        }
        return new FieldOverrides(list);
    }

    /** A fresh copy to apply again (each load keeps its own record of what matched). */
    public FieldOverrides fresh() {
        return new FieldOverrides(overrides);
    }

    public boolean isEmpty() {
        return overrides.isEmpty();
    }

    public List<FieldOverride> all() {
        return overrides;
    }

    /** Applies the {@code scenario:} overrides to the scenario document. */
    public void applyToScenario(YamlDocument doc) {
        for (int i = 0; i < overrides.size(); i++) {
            FieldOverride o = overrides.get(i);
            if (o.target() == null) {
                set(doc, "", o);
                applied[i] = true;
            }
        }
    }

    /** Applies the overrides of the object at {@code base} of {@code doc} (its kind, namespace and name). */
    public void applyToObject(YamlDocument doc, String base, String kind, String namespace, String name) {
        for (int i = 0; i < overrides.size(); i++) {
            FieldOverride o = overrides.get(i);
            if (o.target() != null && o.target().matches(kind, namespace, name)) {
                set(doc, base, o);
                applied[i] = true;
            }
        }
    }

    /** An error at the first override whose target no object matched. */
    public void checkAllApplied() {
        for (int i = 0; i < overrides.size(); i++) {
            FieldOverride o = overrides.get(i);
            if (!applied[i]) {
                throw new InputException(o.at(1), o.target() == null ? "no scenario to set" : "no " + o.target().kind()
                        + " named \"" + o.target().name() + "\"" + (o.target().namespace() == null ? ""
                        : " in namespace " + o.target().namespace()) + " in the scenario's manifests");
            }
        }
    }

    /** Walks the path from {@code base}, making missing mappings on the way, and puts the value. */
    private static void set(YamlDocument doc, String base, FieldOverride o) {
        String pointer = base;
        List<FieldOverride.Step> path = o.path();
        for (int i = 0; i < path.size(); i++) {
            FieldOverride.Step step = path.get(i);
            JsonNode here = doc.root().at(pointer);
            boolean last = i == path.size() - 1;
            String where = i == 0 ? "the " + (o.target() == null ? "scenario" : o.target().kind())
                    : o.pathText(i);
            if (step instanceof FieldOverride.Step.Field f) {
                if (!here.isObject()) {
                    throw new InputException(o.at(f.column()), where + " is " + NodeTypes.describe(here)
                            + ", not a mapping with field \"" + f.name() + "\"");
                }
                String child = Pointers.child(pointer, f.name());
                JsonNode existing = doc.root().at(child);
                if (!last && (existing.isMissingNode() || existing.isNull())) {
                    if (!(path.get(i + 1) instanceof FieldOverride.Step.Field)) {
                        throw new InputException(o.at(f.column()), o.pathText(i + 1) + " is not set, so it has no "
                                + "list elements to select");
                    }
                    doc.replace(child, JsonNodeFactory.instance.objectNode(), o.at(f.column()));
                }
                pointer = child;
            } else if (step instanceof FieldOverride.Step.Index x) {
                if (!here.isArray()) {
                    throw new InputException(o.at(x.column()), where + " is " + NodeTypes.describe(here)
                            + ", not a list");
                }
                if (x.index() < 0 || x.index() >= here.size()) {
                    throw new InputException(o.at(x.column()), where + " has " + here.size() + " element"
                            + (here.size() == 1 ? "" : "s") + "; [" + x.index() + "] is out of range");
                }
                pointer = Pointers.child(pointer, x.index());
            } else if (step instanceof FieldOverride.Step.Select s) {
                if (!here.isArray()) {
                    throw new InputException(o.at(s.column()), where + " is " + NodeTypes.describe(here)
                            + ", not a list");
                }
                int found = -1;
                TreeSet<String> seen = new TreeSet<>();
                for (int k = 0; k < here.size(); k++) {
                    JsonNode v = here.get(k).get(s.key());
                    if (v != null && v.isValueNode()) {
                        seen.add(v.asText());
                        if (v.asText().equals(s.value())) {
                            found = k;
                        }
                    }
                }
                if (found < 0) {
                    throw new InputException(o.at(s.column()), "no element of " + where + " with " + s.key() + "="
                            + s.value() + (seen.isEmpty() ? "" : " (" + s.key() + ": " + String.join(", ", seen) + ")"));
                }
                pointer = Pointers.child(pointer, found);
            }
        }
        doc.replace(pointer, o.value().deepCopy(), o.at(o.valueColumn()));
    }
}
