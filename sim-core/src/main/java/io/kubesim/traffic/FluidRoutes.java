package io.kubesim.traffic;

import io.kubesim.cluster.ClusterStore;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The balancer views as the fluid model routes through them: each view's {@link FluidRoute},
 * kept until a pod behind it changes, and the {@link FluidCohort}s the routes group steady
 * replicas into. Each pod knows the views that list it, and a view that lists a pod not admitted
 * yet waits on its uid, so a pod's change drops only those views' routes.
 */
final class FluidRoutes {
    /** How long a pod that left a cohort because a view routed to it differently stays out of cohorts. */
    static final long COHORT_HOLD_OFF = io.kubesim.engine.SimTime.seconds(10);

    /** What the routes need from the model they route for. */
    interface Host {
        /** {@code p} has something to serve this step. */
        void wake(FluidPod p);

        /** {@code p}'s load changed: the next visit of load changes includes it. */
        void loadChanged(FluidPod p);

        /** The admission order of a new pod the model serves (a cohort's state). */
        long nextAdmission();
    }

    /** The pods behind a view's routable endpoints (null where none is admitted), while neither changes. */
    private record Resolved(List<Endpoint> endpoints, FluidPod[] pods) {
    }

    private final Host host;
    private final ClusterStore store;
    private final TrafficLedger ledger;
    private final SurvivalMemo survival;
    /** The model's admitted pods by uid. */
    private final Map<String, FluidPod> pods;
    /** Routes kept and cohorts formed; off, every route is worked out afresh and every pod served alone. */
    private final boolean shortcuts;
    private final Map<EndpointView, Resolved> resolved = new IdentityHashMap<>();
    private final Map<EndpointView, FluidRoute> routes = new IdentityHashMap<>();
    /**
     * Per pod uid: the views whose endpoints list it while it is not admitted (not listening yet,
     * or gone); dropped when it is admitted or deleted, as their routes are.
     */
    private final Map<String, List<EndpointView>> waiting = new java.util.HashMap<>();
    /** The balancer views routed through: only their changes need the traffic settled first. */
    private final java.util.Set<EndpointView> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private long routeBuilds;
    /** Cohorts by what their members' steps depend on; looked up, never iterated in order-sensitive ways. */
    private final Map<FluidCohort.Key, FluidCohort> cohorts = new java.util.HashMap<>();

    FluidRoutes(Host host, ClusterStore store, TrafficLedger ledger, SurvivalMemo survival, Map<String, FluidPod> pods,
                boolean shortcuts) {
        this.host = host;
        this.store = store;
        this.ledger = ledger;
        this.survival = survival;
        this.pods = pods;
        this.shortcuts = shortcuts;
    }

    /** {@code view} carries traffic from now on. */
    void use(EndpointView view) {
        if (!used.contains(view)) {
            used.add(view);
        }
    }

    /** True when traffic went through {@code view}. */
    boolean used(EndpointView view) {
        return used.contains(view);
    }

    /** True when a view lists the pod {@code uid} while it is not admitted. */
    boolean waitedOn(String uid) {
        return waiting.containsKey(uid);
    }

    /** Every route is worked out again at its next use (so that newly steady pods join cohorts). */
    void rebuildAll() {
        routes.clear();
    }

    /**
     * Where each endpoint's share goes (k8s-semantics.md 17.5: a pod alive and not listening
     * refuses; an address that no longer answers, node down or pod gone, lets the connect time
     * out), kept while the endpoints, the admitted pods and their states stay as they are.
     * Building it also regroups the pods it reaches into cohorts.
     */
    FluidRoute route(EndpointView view, List<Endpoint> endpoints, int tries, long now) {
        FluidRoute r = routes.get(view);
        if (shortcuts && r != null && r.current(endpoints, tries)) {
            return r;
        }
        FluidPod[] admittedPods = resolve(view, endpoints);
        int n = endpoints.size();
        long build = ++routeBuilds;
        List<FluidPod> reached = new ArrayList<>();
        int[] failedAt = new int[n];
        RequestCause[] failures = new RequestCause[n];
        int failed = 0;
        for (int j = 0; j < n; j++) {
            FluidPod pod = destination(admittedPods, j, tries);
            if (pod == null) {
                failedAt[failed] = j;
                failures[failed++] = failure(admittedPods, endpoints, j, tries);
            } else {
                if (pod.seenBy != build) {
                    pod.seenBy = build;
                    pod.seen = 0;
                    reached.add(pod);
                }
                pod.seen++;
            }
        }
        if (shortcuts) {
            regroup(reached, build, now);
        }
        List<FluidPod> alone = new ArrayList<>();
        List<FluidPod> states = new ArrayList<>();
        for (FluidPod p : reached) {
            FluidCohort c = p.cohort();
            if (c == null) {
                alone.add(p);
            } else if (c.listedBy != build) {
                c.listedBy = build;
                states.add(c.state());
            }
        }
        int[] shares = new int[alone.size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = alone.get(i).seen;
        }
        r = new FluidRoute(endpoints, tries, java.util.Arrays.copyOf(failedAt, failed),
                java.util.Arrays.copyOf(failures, failed), alone.toArray(new FluidPod[0]), shares,
                states.toArray(new FluidPod[0]));
        routes.put(view, r);
        return r;
    }

    /**
     * The pod endpoint {@code j}'s share reaches: the first of it and the next {@code tries - 1}
     * endpoints whose pod accepts connections, or null when none does.
     */
    static FluidPod destination(FluidPod[] admitted, int j, int tries) {
        int n = admitted.length;
        for (int t = 0; t < tries; t++) {
            FluidPod candidate = admitted[(j + t) % n];
            if (candidate != null && candidate.accepting()) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Why endpoint {@code j}'s share reached no pod, as its last try saw it (k8s-semantics.md
     * 17.5): a pod alive and not listening refuses (RST); an address that no longer answers (node
     * down, pod gone) lets the connect time out.
     */
    RequestCause failure(FluidPod[] admitted, List<Endpoint> endpoints, int j, int tries) {
        int last = (j + tries - 1) % admitted.length;
        FluidPod candidate = admitted[last];
        boolean vanished = candidate == null ? !podExists(endpoints.get(last)) : candidate.unreachable();
        return vanished ? RequestCause.CONNECT_TIMEOUT : RequestCause.CONNECTION_REFUSED;
    }

    /**
     * Keeps the cohorts {@code reached} (the pods one route build reached, with how many shares
     * each) true to it: a member that this view gives other than one share, or none, leaves its
     * cohort; then the steady pods given one share join the cohort of their kind, or form one.
     */
    private void regroup(List<FluidPod> reached, long build, long now) {
        List<FluidCohort> touched = new ArrayList<>();
        for (FluidPod p : reached) {
            FluidCohort c = p.cohort();
            if (c != null && c.seenBy != build) {
                c.seenBy = build;
                touched.add(c);
            }
        }
        for (FluidCohort c : touched) {
            for (FluidPod m : new ArrayList<>(c.members())) {
                if (m.seenBy != build || m.seen != 1) {
                    m.keepOutOfCohorts(now + COHORT_HOLD_OFF);
                    alone(m);
                }
            }
        }
        Map<FluidCohort.Key, List<FluidPod>> steady = new LinkedHashMap<>();
        for (FluidPod p : reached) {
            if (p.seen == 1 && p.steady(now)) {
                steady.computeIfAbsent(FluidCohort.Key.of(p), k -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<FluidCohort.Key, List<FluidPod>> e : steady.entrySet()) {
            FluidCohort c = cohorts.get(e.getKey());
            if (c == null && e.getValue().size() >= 2) {
                FluidPod first = e.getValue().get(0);
                FluidPod state = new FluidPod(first.pod(), first.model(), host.nextAdmission(), survival);
                state.setCpuSlowdown(first.cpuSlowdown());
                c = new FluidCohort(e.getKey(), state, ledger);
                cohorts.put(e.getKey(), c);
            } else if (c == null || c.seenBy != build || !c.joinable()) {
                continue; // its members are not all reached here, or already have this step's flows
            }
            for (FluidPod p : e.getValue()) {
                c.join(p, now);
                reroute(p);
            }
        }
    }

    /** {@code p} is served on its own from now on (its cohort, left with one member, dissolves). */
    void alone(FluidPod p) {
        FluidCohort c = p.cohort();
        if (c == null) {
            return;
        }
        c.leave(p);
        host.wake(p);
        host.loadChanged(p);
        reroute(p);
        if (c.size() < 2) {
            dissolve(c);
        }
    }

    /** Every member of {@code c} is served on its own from now on, and {@code c} is gone. */
    void dissolve(FluidCohort c) {
        for (FluidPod m : c.members()) {
            host.wake(m);
            host.loadChanged(m);
            reroute(m);
        }
        c.dissolve();
        c.state().remove();
        cohorts.remove(c.key());
    }

    /** The cohorts, in the order their states were made. */
    List<FluidCohort> cohortsInOrder() {
        List<FluidCohort> all = new ArrayList<>(cohorts.values());
        all.sort(java.util.Comparator.comparingLong(c -> c.state().admission()));
        return all;
    }

    /**
     * The admitted pods of {@code endpoints}, in their order; looked up again when the list
     * changed or one of those pods was admitted or deleted ({@link #dropped}, {@link #reroute(String)}).
     */
    FluidPod[] resolve(EndpointView view, List<Endpoint> endpoints) {
        Resolved r = resolved.get(view);
        if (!shortcuts || r == null || r.endpoints() != endpoints) {
            FluidPod[] found = new FluidPod[endpoints.size()];
            for (int i = 0; i < found.length; i++) {
                String uid = endpoints.get(i).podUid();
                found[i] = pods.get(uid);
                if (found[i] != null) {
                    found[i].routedBy(view);
                } else {
                    List<EndpointView> w = waiting.computeIfAbsent(uid, k -> new ArrayList<>(1));
                    if (!w.contains(view)) {
                        w.add(view);
                    }
                }
            }
            r = new Resolved(endpoints, found);
            resolved.put(view, r);
        }
        return r.pods();
    }

    /** The views routing to {@code p} route anew: its state, or its cohort, changed. */
    void reroute(FluidPod p) {
        for (EndpointView v : p.routedBy()) {
            routes.remove(v);
        }
    }

    /** {@code p} is deleted: the views listing it look their endpoints' pods up again, and route anew. */
    void dropped(FluidPod p) {
        for (EndpointView v : p.routedBy()) {
            routes.remove(v);
            resolved.remove(v);
        }
    }

    /** The views listing the pod {@code uid} while it was not admitted route anew: it is admitted or gone. */
    void reroute(String uid) {
        List<EndpointView> w = waiting.remove(uid);
        if (w != null) {
            for (EndpointView v : w) {
                routes.remove(v);
                resolved.remove(v);
            }
        }
    }

    /** True while the pod of endpoint {@code e} (that very pod, by uid) exists. */
    private boolean podExists(Endpoint e) {
        io.kubesim.cluster.Pod p = store.pods().get(e.podKey());
        return p != null && p.metadata().uid().equals(e.podUid());
    }
}
