package io.kubesim.cluster;

import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The stored objects of one kind, keyed by {@code namespace/name}, iterating in creation order.
 *
 * <p>Every write bumps the resource version, updates the indexes at once, and tells each watcher
 * through the engine after that watcher's latency (0 means "at this instant, after the writer
 * returns"), the way an informer delivers events.
 */
public final class ObjectStore<T extends ApiObject> {
    /**
     * The watchers with one latency, in registration order: a write is one scheduled event per
     * group, which tells them in turn.
     */
    private record Delivery<T extends ApiObject>(long latency, List<Watcher<T>> watchers) {
    }

    private final Simulation sim;
    private final ClusterStore cluster;
    private final Map<String, T> objects = new LinkedHashMap<>();
    private final Collection<T> view = Collections.unmodifiableCollection(objects.values());
    private final List<StoreIndex<T>> indexes = new ArrayList<>();
    /** Groups in the order of their first registration; replaced, never changed, by {@link #watch}. */
    private List<Delivery<T>> deliveries = List.of();
    private final List<Watcher<T>> observers = new ArrayList<>();
    /** Counts creations and deletions: see {@link #membershipVersion}. */
    private long membership;

    ObjectStore(Simulation sim, ClusterStore cluster) {
        this.sim = sim;
        this.cluster = cluster;
    }

    /** Adds an index maintained on every write; a null key leaves the object out of it. */
    public Index<T> addIndex(Function<T, String> keyOf) {
        Index<T> idx = new Index<>(keyOf);
        for (T o : objects.values()) {
            idx.put(o);
        }
        indexes.add(idx);
        return idx;
    }

    /** Adds an index of the objects by each of their labels, maintained on every write. */
    public LabelIndex<T> addLabelIndex() {
        LabelIndex<T> idx = new LabelIndex<>();
        for (T o : objects.values()) {
            idx.put(o);
        }
        indexes.add(idx);
        return idx;
    }

    /** Adds {@code index}, fed the stored objects in creation order and then every write. */
    <I extends StoreIndex<T>> I addStoreIndex(I index) {
        for (T o : objects.values()) {
            index.put(o);
        }
        indexes.add(index);
        return index;
    }

    /** Registers a watcher; events reach it {@code latencyMicros} after each write. */
    public void watch(Watcher<T> watcher, long latencyMicros) {
        long latency = Math.max(0, latencyMicros);
        List<Delivery<T>> groups = new ArrayList<>(deliveries);
        for (int i = 0; i < groups.size(); i++) {
            Delivery<T> d = groups.get(i);
            if (d.latency() == latency) {
                List<Watcher<T>> ws = new ArrayList<>(d.watchers());
                ws.add(watcher);
                groups.set(i, new Delivery<>(latency, List.copyOf(ws)));
                deliveries = List.copyOf(groups);
                return;
            }
        }
        groups.add(new Delivery<>(latency, List.of(watcher)));
        deliveries = List.copyOf(groups);
    }

    public void watch(Watcher<T> watcher) {
        watch(watcher, 0);
    }

    /**
     * Registers an observer, called in line with each write (no event scheduled, so the run's
     * event order and count are unchanged): for metrics that only read. An observer must not
     * write to the store.
     */
    public void observe(Watcher<T> observer) {
        observers.add(observer);
    }

    /** Stores a new object; throws if one with the same key exists (AlreadyExists). */
    public T create(T obj) {
        String key = obj.metadata().key();
        if (objects.containsKey(key)) {
            throw new IllegalStateException(obj.kind() + " \"" + key + "\" already exists");
        }
        obj.metadata().setCreationTimestamp(sim.now());
        obj.metadata().setResourceVersion(cluster.nextResourceVersion());
        objects.put(key, obj);
        membership++;
        obj.metadata().setStored(true);
        for (StoreIndex<T> idx : indexes) {
            idx.put(obj);
        }
        notify(WatchEventType.ADDED, obj);
        return obj;
    }

    /** Records that {@code obj} was changed in place. Ignored for an object no longer stored. */
    public void update(T obj) {
        if (!obj.metadata().stored()) {
            return;
        }
        obj.metadata().setResourceVersion(cluster.nextResourceVersion());
        for (StoreIndex<T> idx : indexes) {
            idx.put(obj);
        }
        notify(WatchEventType.MODIFIED, obj);
    }

    /** Removes the object from the store (the final removal, after any graceful termination). */
    public void remove(T obj) {
        if (!obj.metadata().stored()) {
            return;
        }
        objects.remove(obj.metadata().key());
        membership++;
        obj.metadata().setStored(false);
        for (StoreIndex<T> idx : indexes) {
            idx.remove(obj);
        }
        notify(WatchEventType.DELETED, obj);
    }

    public T get(String namespace, String name) {
        return objects.get(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    public T get(String key) {
        return objects.get(key);
    }

    /** True while {@code obj} itself is stored (not a removed object, nor another of the same name). */
    public boolean contains(T obj) {
        return obj.metadata().stored();
    }

    /** All objects in creation order; a live view: copy it before writing to the store while iterating. */
    public Collection<T> list() {
        return view;
    }

    /**
     * A number that changes whenever an object is created or deleted (not when one is updated): a
     * reader that keeps something per stored object in list order knows when to make it again.
     */
    public long membershipVersion() {
        return membership;
    }

    public int size() {
        return objects.size();
    }

    private void notify(WatchEventType type, T obj) {
        for (int i = 0; i < observers.size(); i++) {
            observers.get(i).onEvent(type, obj);
        }
        List<Delivery<T>> groups = deliveries;
        for (int i = 0; i < groups.size(); i++) {
            Delivery<T> d = groups.get(i);
            List<Watcher<T>> ws = d.watchers();
            sim.schedule(d.latency(), () -> deliver(ws, type, obj));
        }
    }

    /**
     * Tells watchers of one latency about a write, in registration order, in one event. Each
     * delivery counts as an event of its own (as it would be, scheduled alone), and the order is
     * the same as with one event per watcher: those events would run back to back, since their
     * sequence numbers are consecutive and whatever a watcher schedules for this instant runs after
     * the others (a probe tick it wakes is not due before the next period once a normal event ran).
     */
    private void deliver(List<Watcher<T>> ws, WatchEventType type, T obj) {
        sim.countEvents(ws.size() - 1);
        for (int i = 0; i < ws.size(); i++) {
            ws.get(i).onEvent(type, obj);
        }
    }
}
