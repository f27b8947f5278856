package io.kubesim.scenarios.manifest;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pods the input's workloads make, as their templates' labels with the labels their
 * controllers add (a StatefulSet's {@code statefulset.kubernetes.io/pod-name} and
 * {@code apps.kubernetes.io/pod-index}, a Job's {@code job-name} and {@code batch.kubernetes.io/job-name}):
 * what a Service's or a PodDisruptionBudget's selector is checked against after a load, and what
 * the scenario's pod limit counts.
 */
public final class PodTemplates {
    private static final String POD_NAME = "statefulset.kubernetes.io/pod-name";
    private static final String POD_INDEX = "apps.kubernetes.io/pod-index";

    /**
     * One workload's pods: {@code replicas} of them (a Job's parallelism; 1 for a DaemonSet, whose
     * count depends on the nodes), labelled {@code labels}; {@code origin} is where the workload is
     * written ({@link Manifest.Origin#UNKNOWN} for an object the load skipped).
     */
    public record Template(String kind, String namespace, String name, Map<String, String> labels, int replicas,
                           Manifest.Origin origin) {
        String describe() {
            return kind + " \"" + name + "\"";
        }

        /** Whether a Service's selector (equality on every key) matches some pod of it. */
        boolean selectedBy(Map<String, String> selector) {
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (!matches(e.getKey(), e.getValue())) {
                    return false;
                }
            }
            return true;
        }

        private boolean matches(String key, String value) {
            if (kind.equals("StatefulSet") && !labels.containsKey(key)) {
                if (key.equals(POD_NAME) && value.startsWith(name + "-")) {
                    return isOrdinal(value.substring(name.length() + 1));
                }
                if (key.equals(POD_INDEX)) {
                    return isOrdinal(value);
                }
            }
            return value.equals(labels.get(key));
        }

        private boolean isOrdinal(String s) {
            if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)
                    || (s.length() > 1 && s.charAt(0) == '0')) {
                return false;
            }
            return Integer.parseInt(s) < replicas;
        }

        /** Whether a budget's selector matches its pods (a StatefulSet's identity labels left aside). */
        boolean selectedBy(LabelSelector selector) {
            return selector != null && selector.matches(labels);
        }
    }

    private PodTemplates() {
    }

    /** The templates of every workload in {@code manifests} kubesim runs, in input order. */
    public static List<Template> of(List<Manifest> manifests) {
        List<Template> out = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m instanceof Manifest.DeploymentManifest d) {
                out.add(template(d, d.template(), d.replicasOrDefault()));
            } else if (m instanceof Manifest.ReplicaSetManifest rs) {
                out.add(template(rs, rs.template(), rs.replicas()));
            } else if (m instanceof Manifest.DaemonSetManifest ds) {
                out.add(template(ds, ds.template(), 1));
            } else if (m instanceof Manifest.StatefulSetManifest s) {
                out.add(template(s, s.template(), s.replicasOrDefault()));
            } else if (m instanceof Manifest.RolloutManifest r && r.spec().template() != null) {
                out.add(template(r, r.spec().template(), r.spec().replicasOrDefault()));
            } else if (m instanceof Manifest.PodManifest p) {
                out.add(new Template(p.kind(), p.namespace(), p.name(), p.labels(), 1, p.origin()));
            } else if (m instanceof Manifest.JobManifest j) {
                out.add(job(j, j.name(), j.spec().template(), j.spec().parallelism()));
            } else if (m instanceof Manifest.CronJobManifest c) {
                out.add(job(c, "", c.spec().job().template(), c.spec().job().parallelism()));
            }
        }
        return out;
    }

    private static Template template(Manifest m, PodTemplate t, int replicas) {
        return new Template(m.kind(), m.namespace(), m.name(), t.labels(), replicas, m.origin());
    }

    /** A Job's pods carry its name; a CronJob's Jobs are named at each schedule, so no name is added. */
    private static Template job(Manifest m, String jobName, PodTemplate t, int parallelism) {
        Map<String, String> labels = new TreeMap<>(t.labels());
        if (!jobName.isEmpty()) {
            labels.putIfAbsent("job-name", jobName);
            labels.putIfAbsent("batch.kubernetes.io/job-name", jobName);
        }
        return new Template(m.kind(), m.namespace(), m.name(), labels, parallelism, m.origin());
    }
}
