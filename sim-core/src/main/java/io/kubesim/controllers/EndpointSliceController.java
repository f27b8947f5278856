package io.kubesim.controllers;

import io.kubesim.api.Container;
import io.kubesim.api.ContainerPort;
import io.kubesim.api.ServicePort;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.NameGenerator;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.Service;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.metrics.DecisionRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Keeps each selector Service's EndpointSlices equal to the pods it selects (k8s-semantics.md 5):
 * every selected pod that has an IP and is not terminal, terminating pods included
 * (ShouldPodBeInEndpoints), with {@code serving} = Ready, {@code terminating} = deletionTimestamp
 * set and {@code ready = publishNotReadyAddresses || (serving && !terminating)}; at most
 * {@code maxEndpointsPerSlice} endpoints per slice. A Service whose slices already match writes
 * nothing, so nobody watching the slices is woken for nothing. Services without a selector, and
 * ExternalName Services, are left alone.
 *
 * <p>Pod and Service events queue the Services they touch (a pod's Services before and after a
 * label change). A queued Service is reconciled {@code reactionDelay} later, sampled per
 * reconcile from the stream {@value #SOURCE}: upstream's watch, workqueue and batching take
 * about 0.1–1 s; events that arrive in the meantime are folded into that reconcile, which reads
 * the state it finds then.
 *
 * <p>Simplifications: the controller assumes it is the only writer of the slices it manages (it
 * does not watch them), and only IPv4 slices are made.
 */
public final class EndpointSliceController {
    public static final String SOURCE = "endpointslice-controller";
    /** The value of the managed-by label on the slices this controller owns. */
    public static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    /** --max-endpoints-per-slice default. */
    public static final int DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

    private final ClusterStore store;
    private final DurationDistribution reactionDelay;
    private final RandomGenerator rng;
    private final NameGenerator names;
    private final EndpointSlicePacking packing;
    private final ServiceMembership membership;
    private final WorkQueue queue;
    private final Set<String> queued = new HashSet<>();
    private final EndpointChanges changes;
    private final DesiredEndpoints desired = new DesiredEndpoints();
    /** Tests: every reconcile also evaluates every pod and checks the kept entries equal that. */
    private boolean verifyKept;
    /** How many plans were made from the changed entries only (for tests). */
    private int plansFromChanges;

    public EndpointSliceController(ClusterStore store, DurationDistribution reactionDelay) {
        this(store, reactionDelay, DEFAULT_MAX_ENDPOINTS_PER_SLICE);
    }

    /** @param maxEndpointsPerSlice {@code --max-endpoints-per-slice}, 1 to 1000 */
    public EndpointSliceController(ClusterStore store, DurationDistribution reactionDelay, int maxEndpointsPerSlice) {
        this(store, reactionDelay, maxEndpointsPerSlice, DecisionRecorder.disabled());
    }

    /** A controller that records each pod's endpoint changes in {@code decisions} ({@link EndpointChanges}). */
    public EndpointSliceController(ClusterStore store, DurationDistribution reactionDelay, DecisionRecorder decisions) {
        this(store, reactionDelay, DEFAULT_MAX_ENDPOINTS_PER_SLICE, decisions);
    }

    private EndpointSliceController(ClusterStore store, DurationDistribution reactionDelay, int maxEndpointsPerSlice,
                                    DecisionRecorder decisions) {
        this.changes = new EndpointChanges(decisions);
        this.store = store;
        this.reactionDelay = reactionDelay;
        this.rng = store.sim().random().stream(SOURCE);
        this.names = new NameGenerator(store.sim().random().stream(SOURCE + "/names"));
        this.packing = new EndpointSlicePacking(maxEndpointsPerSlice);
        this.membership = new ServiceMembership(store);
        this.queue = new WorkQueue(store.sim(), this::reconcile, 0);
    }

    /**
     * Tests: each reconcile also evaluates every pod of the Service and fails (IllegalStateException)
     * unless the entries it kept and re-evaluated equal those, in order.
     */
    public void verifyKeptEntries(boolean on) {
        this.verifyKept = on;
    }

    /** How many reconciles planned from the changed entries only, comparing just the slices holding them. */
    int plansFromChanges() {
        return plansFromChanges;
    }

    /** Registers the watches on Services and pods and queues every Service already stored. */
    public void start() {
        store.services().watch(this::onService);
        store.pods().watch(this::onPod);
        // In line with each write (before the watches deliver it), what a reconcile reads changes:
        store.services().observe((type, service) -> desired.forget(service.metadata().key()));
        store.pods().observe((type, pod) -> markInServices(pod));
        store.nodes().observe((type, node) -> {
            if (type != WatchEventType.MODIFIED) { // a pod on a node that is gone is left out
                for (Pod pod : store.podsByNode().get(node.name())) {
                    markInServices(pod);
                }
            }
        });
        for (Service s : new ArrayList<>(store.services().list())) {
            onService(WatchEventType.ADDED, s);
        }
    }

    private void onService(WatchEventType type, Service service) {
        membership.serviceChanged(service);
        desired.forget(service.metadata().key()); // its pods are others now
        enqueue(service.metadata().key());
    }

    private void onPod(WatchEventType type, Pod pod) {
        for (String key : membership.podChanged(pod)) {
            desired.mark(key, pod);
            enqueue(key);
        }
    }

    /** The pod's entry may change in each Service it belongs to. */
    private void markInServices(Pod pod) {
        for (String key : membership.servicesOf(pod)) {
            desired.mark(key, pod);
        }
    }

    /** Queues a Service once: one sampled delay per reconcile, later events join the queued one. */
    private void enqueue(String serviceKey) {
        if (queued.add(serviceKey)) {
            queue.addAfter(serviceKey, reactionDelay.sample(rng));
        }
    }

    long reconcile(String serviceKey) {
        queued.remove(serviceKey);
        Service service = store.services().get(serviceKey);
        List<EndpointSlice> mine = new ArrayList<>();
        List<EndpointSlice> stale = new ArrayList<>();
        for (EndpointSlice s : store.endpointSlicesByService().get(serviceKey)) {
            if (!s.managedBy().equals(MANAGED_BY)) {
                continue;
            }
            if (service != null && isOwnedBy(s, service)) {
                mine.add(s);
            } else {
                stale.add(s);
            }
        }
        if (service != null && (service.selector().isEmpty() || service.type().equals("ExternalName"))) {
            desired.forget(serviceKey);
            return Reconciler.DONE;
        }
        for (EndpointSlice s : stale) {
            store.endpointSlices().remove(s);
        }
        if (service == null) {
            desired.forget(serviceKey);
            return Reconciler.DONE;
        }
        DesiredEndpoints.State kept = keptEntries(service);
        if (stale.isEmpty() && !changes.enabled() && kept.asPlanned(mine)) {
            if (verifyKept && !packing.plan(mine, kept.grouped()).isEmpty()) {
                throw new IllegalStateException("slices of " + serviceKey + " taken as planned, but a plan writes");
            }
            return Reconciler.DONE; // nothing changed since the slices were planned: the plan is empty
        }
        Set<EndpointSlice> touched = null;
        EndpointSlicePacking.Plan plan;
        List<EndpointSlice.Port> ports = kept.onlyPorts();
        if (stale.isEmpty() && !changes.enabled() && ports != null && !mine.isEmpty() && samePorts(mine, ports)
                && kept.slicesAsPlanned(mine)) {
            // only some entries changed since the slices were planned: compare only the slices holding them
            touched = kept.touchedSlices();
            plansFromChanges++;
            plan = packing.planChanged(mine, ports, kept::endpointOf, touched, kept.unplaced());
            if (verifyKept && !plan.equals(packing.plan(mine, kept.grouped()))) {
                throw new IllegalStateException("plan of " + serviceKey + " from the changed entries " + plan
                        + " != plan from every entry " + packing.plan(mine, kept.grouped()));
            }
        } else {
            Map<List<EndpointSlice.Port>, LinkedHashMap<String, EndpointSlice.Endpoint>> desired = kept.grouped();
            if (changes.enabled()) {
                Map<String, EndpointSlice.Endpoint> after = new HashMap<>();
                desired.values().forEach(after::putAll);
                changes.record(store.sim().now(), serviceKey, service.metadata().namespace(), EndpointChanges.of(mine),
                        after);
            }
            plan = packing.plan(mine, desired);
        }
        write(service, plan);
        List<EndpointSlice> now = new ArrayList<>();
        for (EndpointSlice s : store.endpointSlicesByService().get(serviceKey)) {
            if (s.managedBy().equals(MANAGED_BY) && isOwnedBy(s, service)) {
                now.add(s);
            }
        }
        kept.planned(now, touched);
        if (verifyKept) {
            kept.verifySliceIndex(now);
        }
        return Reconciler.DONE;
    }

    private static boolean samePorts(List<EndpointSlice> slices, List<EndpointSlice.Port> ports) {
        for (EndpointSlice s : slices) {
            if (!s.ports().equals(ports)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The endpoints the Service should have: the entries kept from the last reconcile with the
     * pods marked since evaluated again, or every pod evaluated when nothing is kept.
     */
    private DesiredEndpoints.State keptEntries(Service svc) {
        String key = svc.metadata().key();
        DesiredEndpoints.State kept = desired.of(key);
        if (kept == null) {
            kept = desired.reset(key);
            for (Pod pod : membership.pods(key)) {
                kept.set(pod, wanted(svc, pod));
            }
        } else {
            for (Pod pod : kept.takeMarked()) {
                kept.set(pod, membership.has(key, pod) ? wanted(svc, pod) : null);
            }
            if (verifyKept) {
                verify(svc, kept);
            }
        }
        return kept;
    }

    /** The pod's entry in the Service's endpoints, or null when it has none. */
    private DesiredEndpoints.Wanted wanted(Service svc, Pod pod) {
        if (!store.pods().contains(pod) || !svc.selects(pod) || !shouldBeInEndpoints(pod)) {
            return null;
        }
        // reconciler.go: a pod whose node is gone is skipped unless not-ready addresses are published.
        if (store.nodes().get(pod.nodeName()) == null && !svc.publishNotReadyAddresses()) {
            return null;
        }
        return new DesiredEndpoints.Wanted(pod, endpointPorts(svc, pod), toEndpoint(svc, pod));
    }

    private void verify(Service svc, DesiredEndpoints.State kept) {
        DesiredEndpoints.State full = new DesiredEndpoints.State();
        for (Pod pod : membership.pods(svc.metadata().key())) {
            full.set(pod, wanted(svc, pod));
        }
        List<Map.Entry<String, DesiredEndpoints.Wanted>> want = new ArrayList<>(full.byName.entrySet());
        List<Map.Entry<String, DesiredEndpoints.Wanted>> have = new ArrayList<>(kept.byName.entrySet());
        if (!want.equals(have)) {
            throw new IllegalStateException("kept endpoints of " + svc.metadata().key() + " at " + store.sim().now()
                    + ": " + have + ", evaluated pod by pod: " + want);
        }
    }

    /** ShouldPodBeInEndpoints(pod, includeTerminating=true): an IP, and not Succeeded or Failed. */
    static boolean shouldBeInEndpoints(Pod pod) {
        return !pod.podIP().isEmpty() && !pod.isTerminal();
    }

    /** podToEndpoint: the conditions of k8s-semantics.md 5. */
    static EndpointSlice.Endpoint toEndpoint(Service svc, Pod pod) {
        boolean serving = pod.isReady();
        boolean terminating = pod.metadata().isDeleting();
        boolean ready = svc.publishNotReadyAddresses() || (serving && !terminating);
        return new EndpointSlice.Endpoint(pod.name(), pod.metadata().uid(), pod.nodeName(), pod.podIP(), ready, serving,
                terminating);
    }

    /**
     * The Service's ports as this pod serves them (getEndpointPorts): a numeric targetPort as is,
     * a named one looked up in the pod's container ports; a name the pod lacks drops that port.
     */
    static List<EndpointSlice.Port> endpointPorts(Service svc, Pod pod) {
        List<EndpointSlice.Port> ports = new ArrayList<>(svc.ports().size());
        for (ServicePort sp : svc.ports()) {
            int port = resolveTargetPort(sp, pod);
            if (port > 0) {
                ports.add(new EndpointSlice.Port(sp.name(), port, protocolOf(sp)));
            }
        }
        return List.copyOf(ports);
    }

    private static int resolveTargetPort(ServicePort sp, Pod pod) {
        String target = sp.targetPort();
        if (target == null || target.isEmpty()) {
            return sp.port();
        }
        if (target.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(target);
        }
        for (Container c : pod.spec().containers()) {
            for (ContainerPort cp : c.ports()) {
                if (target.equals(cp.name()) && cp.protocol().equals(protocolOf(sp))) {
                    return cp.containerPort();
                }
            }
        }
        return 0;
    }

    private static String protocolOf(ServicePort sp) {
        return sp.protocol() == null || sp.protocol().isEmpty() ? "TCP" : sp.protocol();
    }

    private static boolean isOwnedBy(EndpointSlice s, Service svc) {
        OwnerReference o = s.metadata().owner();
        return o != null && o.kind().equals(Service.KIND) && o.uid().equals(svc.metadata().uid());
    }

    /** Creates, then updates, then deletes, as upstream's finalize does. */
    private void write(Service svc, EndpointSlicePacking.Plan plan) {
        for (EndpointSlicePacking.Draft d : plan.create()) {
            store.endpointSlices().create(new EndpointSlice(newMeta(svc), EndpointSlice.ADDRESS_TYPE_IPV4, d.ports(),
                    sorted(d.endpoints())));
        }
        for (EndpointSlicePacking.Draft d : plan.update()) {
            EndpointSlice s = d.existing();
            s.setPorts(d.ports());
            s.setEndpoints(sorted(d.endpoints()));
            store.endpointSlices().update(s);
        }
        for (EndpointSlice s : plan.delete()) {
            store.endpointSlices().remove(s);
        }
    }

    private ObjectMeta newMeta(Service svc) {
        String ns = svc.metadata().namespace();
        String name = names.generate(svc.name() + "-");
        while (store.endpointSlices().get(ns, name) != null) {
            name = names.generate(svc.name() + "-");
        }
        ObjectMeta meta = new ObjectMeta(ns, name, store.newUid());
        Map<String, String> labels = new TreeMap<>();
        labels.put(EndpointSlice.LABEL_SERVICE_NAME, svc.name());
        labels.put(EndpointSlice.LABEL_MANAGED_BY, MANAGED_BY);
        meta.setLabels(labels);
        meta.setOwner(new OwnerReference(Service.KIND, svc.name(), svc.metadata().uid()));
        return meta;
    }

    private static List<EndpointSlice.Endpoint> sorted(List<EndpointSlice.Endpoint> endpoints) {
        List<EndpointSlice.Endpoint> copy = new ArrayList<>(endpoints);
        copy.sort(BY_POD);
        return copy;
    }

    private static final Comparator<EndpointSlice.Endpoint> BY_POD =
            Comparator.comparing(EndpointSlice.Endpoint::podName).thenComparing(EndpointSlice.Endpoint::podUid);
}
