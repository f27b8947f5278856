package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What becomes of objects with {@code metadata.ownerReferences}, as in a {@code kubectl get -o
 * yaml} dump of a running cluster (ReplicaSets owned by their Deployment, Pods by their
 * ReplicaSet). Applying such a dump gives the same cluster as applying the source manifests: the
 * owned objects are never run alongside their owner. So:
 * <ul>
 *   <li>an object whose controller owner is a Deployment, ReplicaSet, ReplicationController, DaemonSet,
 *       StatefulSet, Job or CronJob of the input is
 *       <em>adopted</em>: left out, because the owner's controller creates its own (its status
 *       is ignored); one warning per owner says how many it adopted;</li>
 *   <li>an object whose owners are all absent from the input is left out, as the garbage
 *       collector deletes an object whose owners do not exist (and, with it, what that object
 *       owns); a warning at its ownerReferences says so;</li>
 *   <li>an object whose controller owner is in the input but of a kind kubesim does not run
 *       (a custom resource ...) is left out with a warning: that controller would manage it;</li>
 *   <li>an object with only non-controller owners, one of them in the input, is kept.</li>
 * </ul>
 * Owners are matched by uid when both the reference and the input object carry one, else by
 * kind, namespace and name.
 */
final class OwnerAdoption {
    /** One ownerReference as written. */
    record OwnerRef(String kind, String name, String uid, boolean controller) {
    }

    /** An object of the input: its identity and owners, and the manifest when kubesim models the kind. */
    record Entry(String kind, String namespace, String name, String uid, List<OwnerRef> owners, Location where,
                 Manifest manifest) {
        String key() {
            return kind + "/" + namespace + "/" + name;
        }
    }

    private enum Fate { KEEP, ADOPTED, COLLECTED, UNMODELLED_OWNER }

    private final List<Entry> entries = new ArrayList<>();

    /** Reads identity and ownerReferences of any object from its YAML, modelled or not. */
    void add(JsonNode node, String kind, boolean namespaced, Location where, Manifest manifest) {
        JsonNode meta = node.path("metadata");
        String ns = namespaced ? textOr(meta.path("namespace"), "default") : "";
        List<OwnerRef> owners = new ArrayList<>();
        for (JsonNode r : meta.path("ownerReferences")) {
            owners.add(new OwnerRef(r.path("kind").asText(""), r.path("name").asText(""), r.path("uid").asText(""),
                    r.path("controller").asBoolean(false)));
        }
        entries.add(new Entry(kind, ns, meta.path("name").asText(""), meta.path("uid").asText(""), owners, where,
                manifest));
    }

    private static String textOr(JsonNode n, String fallback) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : fallback;
    }

    /** The manifests to run, in input order, with adoptions and collections reported as warnings. */
    List<Manifest> resolve(List<Manifest> manifests, Diagnostics diagnostics) {
        Map<String, Entry> byUid = new HashMap<>();
        Map<String, Entry> byKey = new HashMap<>();
        for (Entry e : entries) {
            if (!e.uid().isEmpty()) {
                byUid.putIfAbsent(e.uid(), e);
            }
            byKey.putIfAbsent(e.key(), e);
        }
        Map<Entry, Fate> fates = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> adoptedBy = new LinkedHashMap<>();
        Map<String, Location> adoptionWhere = new HashMap<>();
        List<Manifest> dropped = new ArrayList<>();
        for (Entry e : entries) {
            if (e.manifest() == null || e.owners().isEmpty()) {
                continue;
            }
            Fate f = fate(e, byUid, byKey, fates, 0);
            if (f == Fate.KEEP) {
                continue;
            }
            dropped.add(e.manifest());
            if (f == Fate.ADOPTED) {
                Entry top = topOwner(e, byUid, byKey);
                String owner = top.kind() + " \"" + top.name() + "\"";
                adoptedBy.computeIfAbsent(owner, k -> new LinkedHashMap<>()).merge(e.kind(), 1, Integer::sum);
                adoptionWhere.putIfAbsent(owner, e.where());
            } else if (f == Fate.COLLECTED) {
                diagnostics.warn(e.where(), e.kind() + " \"" + e.name() + "\" is owned by " + describe(e.owners())
                        + ", which is not in the input (or is deleted with its own owner): the garbage collector "
                        + "would delete it, so kubesim leaves it out");
            } else {
                Entry top = topOwner(e, byUid, byKey);
                diagnostics.warn(e.where(), e.kind() + " \"" + e.name() + "\" is managed by " + top.kind() + " \""
                        + top.name() + "\", which kubesim does not simulate; left out");
            }
        }
        for (Map.Entry<String, Map<String, Integer>> a : adoptedBy.entrySet()) {
            StringBuilder counts = new StringBuilder();
            a.getValue().forEach((kind, n) -> counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ')
                    .append(kind));
            diagnostics.warn(adoptionWhere.get(a.getKey()), a.getKey() + " adopts " + counts + " of the input "
                    + "(owned objects, as in a kubectl get -o yaml dump): its controller creates its own, so they are "
                    + "not run alongside it and their status is ignored");
        }
        if (dropped.isEmpty()) {
            return manifests;
        }
        List<Manifest> kept = new ArrayList<>(manifests.size());
        java.util.Set<Manifest> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        out.addAll(dropped);
        for (Manifest m : manifests) {
            if (!out.contains(m)) {
                kept.add(m);
            }
        }
        return kept;
    }

    private Fate fate(Entry e, Map<String, Entry> byUid, Map<String, Entry> byKey, Map<Entry, Fate> memo, int depth) {
        Fate known = memo.get(e);
        if (known != null) {
            return known;
        }
        Fate f;
        if (e.owners().isEmpty() || depth > 16) {
            f = Fate.KEEP;
        } else {
            OwnerRef c = controllerRef(e);
            if (c != null) {
                Entry owner = find(e.namespace(), c, byUid, byKey);
                Fate ownerFate = owner == null ? Fate.COLLECTED : fate(owner, byUid, byKey, memo, depth + 1);
                if (ownerFate == Fate.COLLECTED) {
                    f = Fate.COLLECTED;
                } else if (ownerFate == Fate.UNMODELLED_OWNER) {
                    f = Fate.UNMODELLED_OWNER;
                } else if (owner.manifest() instanceof Manifest.DeploymentManifest
                        || owner.manifest() instanceof Manifest.ReplicaSetManifest
                        || owner.manifest() instanceof Manifest.DaemonSetManifest
                        || owner.manifest() instanceof Manifest.StatefulSetManifest
                        || owner.manifest() instanceof Manifest.JobManifest
                        || owner.manifest() instanceof Manifest.CronJobManifest
                        || owner.manifest() instanceof Manifest.RolloutManifest) {
                    f = Fate.ADOPTED;
                } else {
                    f = Fate.UNMODELLED_OWNER;
                }
            } else {
                f = Fate.COLLECTED;
                for (OwnerRef r : e.owners()) {
                    Entry owner = find(e.namespace(), r, byUid, byKey);
                    if (owner != null && fate(owner, byUid, byKey, memo, depth + 1) != Fate.COLLECTED) {
                        f = Fate.KEEP;
                    }
                }
            }
        }
        memo.put(e, f);
        return f;
    }

    /** The owner at the top of the chain (a Deployment for a Pod of its ReplicaSet, a CronJob for a Pod of its Job). */
    private Entry topOwner(Entry e, Map<String, Entry> byUid, Map<String, Entry> byKey) {
        Entry cur = e;
        for (int i = 0; i < 16; i++) {
            OwnerRef c = controllerRef(cur);
            Entry owner = c == null ? null : find(cur.namespace(), c, byUid, byKey);
            if (owner == null) {
                return cur;
            }
            cur = owner;
        }
        return cur;
    }

    private static OwnerRef controllerRef(Entry e) {
        for (OwnerRef r : e.owners()) {
            if (r.controller()) {
                return r;
            }
        }
        return null;
    }

    /** By uid when the reference and the input object both have one, else by kind, namespace and name. */
    private static Entry find(String namespace, OwnerRef r, Map<String, Entry> byUid, Map<String, Entry> byKey) {
        if (!r.uid().isEmpty() && byUid.containsKey(r.uid())) {
            return byUid.get(r.uid());
        }
        Entry e = byKey.get(r.kind() + "/" + namespace + "/" + r.name());
        if (e == null) {
            e = byKey.get(r.kind() + "//" + r.name());
        }
        if (e != null && !r.uid().isEmpty() && !e.uid().isEmpty() && !e.uid().equals(r.uid())) {
            return null;
        }
        return e;
    }

    private static String describe(List<OwnerRef> owners) {
        StringBuilder sb = new StringBuilder();
        for (OwnerRef r : owners) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(r.kind()).append(" \"").append(r.name()).append('"');
            if (!r.uid().isEmpty()) {
                sb.append(" (uid ").append(r.uid()).append(')');
            }
        }
        return sb.toString();
    }
}
