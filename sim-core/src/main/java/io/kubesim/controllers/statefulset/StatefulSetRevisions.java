package io.kubesim.controllers.statefulset;

import io.kubesim.api.PodTemplate;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ControllerRevision;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StatefulSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A StatefulSet's ControllerRevision history (k8s-semantics.md 11.2, 11.5; stateful_set_control.go
 * {@code getStatefulSetRevisions}, {@code truncateHistory}): the update revision is the one holding
 * the current template, created when no revision holds it, reused with the next revision number
 * when an older one does (a rollback); revisions no pod uses, neither current nor update, are
 * deleted oldest first beyond {@code revisionHistoryLimit}.
 */
final class StatefulSetRevisions {
    /** The revision pods below the partition keep, and the revision of the current template. */
    record Pair(ControllerRevision current, ControllerRevision update) {
    }

    private static final Comparator<ControllerRevision> BY_REVISION =
            Comparator.comparingLong(ControllerRevision::revision).thenComparing(ControllerRevision::name);

    private final ClusterStore store;

    StatefulSetRevisions(ClusterStore store) {
        this.store = store;
    }

    /** The set's revisions, oldest first (SortControllerRevisions). */
    List<ControllerRevision> of(StatefulSet set) {
        List<ControllerRevision> out = new ArrayList<>(store.controllerRevisionsByOwner().get(set.metadata().uid()));
        out.sort(BY_REVISION);
        return out;
    }

    /** Finds or makes the update revision, and finds the current one (the update revision when none is recorded). */
    Pair sync(StatefulSet set) {
        List<ControllerRevision> revisions = of(set);
        long next = revisions.isEmpty() ? 1 : revisions.get(revisions.size() - 1).revision() + 1;
        ControllerRevision equal = null;
        for (ControllerRevision r : revisions) {
            if (r.template().equals(set.template())) {
                equal = r;
            }
        }
        ControllerRevision update;
        if (equal != null && equal == revisions.get(revisions.size() - 1)) {
            update = equal;
        } else if (equal != null) {
            equal.setRevision(next);
            store.controllerRevisions().update(equal);
            update = equal;
        } else {
            update = create(set, next);
        }
        ControllerRevision current = null;
        for (ControllerRevision r : revisions) {
            if (r.name().equals(set.currentRevision())) {
                current = r;
            }
        }
        return new Pair(current == null ? update : current, update);
    }

    /**
     * createControllerRevision: named {@code <set>-<hash>}; a name taken by a revision with
     * another template bumps the set's collisionCount and tries again.
     */
    private ControllerRevision create(StatefulSet set, long revision) {
        while (true) {
            String name = set.name() + "-" + hash(set.template(), set.collisionCount());
            ControllerRevision existing = store.controllerRevisions().get(set.metadata().namespace(), name);
            if (existing == null) {
                ObjectMeta meta = new ObjectMeta(set.metadata().namespace(), name, store.newUid());
                meta.setLabels(set.selector().matchLabels());
                meta.setOwner(new OwnerReference(StatefulSet.KIND, set.name(), set.metadata().uid()));
                return store.controllerRevisions().create(new ControllerRevision(meta, set.template(), revision));
            }
            set.incrementCollisionCount();
        }
    }

    /** truncateHistory: deletes the oldest revisions that nothing uses, beyond the limit. */
    void truncate(StatefulSet set, Pair pair, Iterable<Pod> pods) {
        List<ControllerRevision> revisions = of(set);
        if (revisions.size() <= set.revisionHistoryLimit()) {
            return; // the unused ones are fewer still: nothing to delete, whichever the pods use
        }
        Set<String> live = new HashSet<>();
        live.add(pair.current().name());
        live.add(pair.update().name());
        for (Pod p : pods) {
            live.add(StatefulPodIdentity.revision(p));
        }
        List<ControllerRevision> history = new ArrayList<>();
        for (ControllerRevision r : revisions) {
            if (!live.contains(r.name())) {
                history.add(r);
            }
        }
        for (int i = 0; i < history.size() - set.revisionHistoryLimit(); i++) {
            store.controllerRevisions().remove(history.get(i));
        }
    }

    /**
     * HashControllerRevision: FNV-32a over a canonical print of the template and the collision
     * count, rendered with SafeEncodeString. The print is kubesim's, so the names differ from a
     * real cluster's; they are stable from run to run.
     */
    static String hash(PodTemplate template, int collisionCount) {
        return io.kubesim.controllers.PodTemplateHash.of(template, collisionCount);
    }

}
