package io.kubesim.controllers.daemonset;

import io.kubesim.api.PodTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One DaemonSet's template revisions, standing in for its ControllerRevisions (k8s-semantics.md
 * 12.6): each template gets a hash (the pods' {@code controller-revision-hash} label) and a
 * revision number; going back to an earlier template makes that revision current again with the
 * next number. Old revisions beyond {@code revisionHistoryLimit} are dropped oldest first, never
 * the current one or one a live pod still carries.
 */
final class DaemonSetHistory {
    /** One revision: the template's hash and its number. */
    record Revision(String hash, long number, PodTemplate template) {
    }

    private final List<Revision> revisions = new ArrayList<>();
    /** The template last asked about and its hash: a sync asks about the same template again and again. */
    private PodTemplate lastTemplate;
    private String lastHash;

    /** The hash of {@code template}, recorded as the current revision if it is not already. */
    String current(PodTemplate template) {
        if (template == lastTemplate) {
            return lastHash;
        }
        String hash = hash(template);
        lastTemplate = template;
        lastHash = hash;
        long max = 0;
        Revision found = null;
        for (Revision r : revisions) {
            max = Math.max(max, r.number());
            if (r.hash().equals(hash)) {
                found = r;
            }
        }
        if (found == null) {
            revisions.add(new Revision(hash, max + 1, template));
        } else if (found.number() != max) {
            revisions.remove(found);
            revisions.add(new Revision(hash, max + 1, template));
        }
        return hash;
    }

    /**
     * cleanupHistory: {@code toKill} is the number of old (not current) revisions beyond
     * {@code limit}, counting those a live pod still carries; then the oldest old revisions are
     * deleted, skipping the live ones, until {@code toKill} are gone or none is left. So a live
     * old revision is kept but still takes one of the {@code limit} places.
     */
    void cleanup(int limit, String currentHash, Set<String> liveHashes) {
        List<Revision> old = new ArrayList<>();
        for (Revision r : revisions) {
            if (!r.hash().equals(currentHash)) {
                old.add(r);
            }
        }
        int toKill = old.size() - limit;
        old.sort(Comparator.comparingLong(Revision::number));
        for (Revision r : old) {
            if (toKill <= 0) {
                break;
            }
            if (liveHashes.contains(r.hash())) {
                continue;
            }
            revisions.remove(r);
            toKill--;
        }
    }

    /** How many revisions are kept. */
    int size() {
        return revisions.size();
    }

    /** The revisions kept, oldest number first. */
    List<Revision> revisions() {
        List<Revision> out = new ArrayList<>(revisions);
        out.sort(Comparator.comparingLong(Revision::number));
        return out;
    }

    /**
     * The revision hash (controller_utils.go ComputeHash): FNV-32a over a canonical print of the
     * template, rendered with SafeEncodeString. Stable, though not the value a cluster would show.
     */
    static String hash(PodTemplate t) {
        return io.kubesim.controllers.PodTemplateHash.of(t, 0);
    }

}
