package io.kubesim.cluster;

import io.kubesim.api.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.ToIntFunction;

/**
 * The kinds the API server serves a {@code /scale} subresource for, keyed by kind: what the HPA
 * controller, {@code kubectl scale} and the disruption controller read a workload's size and
 * selector through (client-go's scale client), whatever the kind. Adding a scalable kind is one
 * {@link #register} call:
 *
 * <pre>{@code
 * scales.register(new ScaleSubresources.Kind<>("StatefulSet", "statefulsets.apps", store.statefulSets(),
 *         StatefulSet::replicas, StatefulSet::statusReplicas, StatefulSet::selector, StatefulSet::setReplicas));
 * }</pre>
 */
public final class ScaleSubresources {
    /**
     * One scalable kind: where its objects are stored and how its scale reads and writes them.
     *
     * @param kind     the Kubernetes kind, e.g. {@code Deployment}
     * @param resource the resource as the API server names it in errors, e.g. {@code deployments.apps}
     */
    public record Kind<T extends ApiObject>(String kind, String resource, ObjectStore<T> objects,
                                            ToIntFunction<T> specReplicas, ToIntFunction<T> statusReplicas,
                                            Function<T, LabelSelector> selector, ObjIntConsumer<T> setReplicas) {
        Scale scaleOf(T object) {
            return new Bound<>(this, object);
        }
    }

    private record Bound<T extends ApiObject>(Kind<T> kind, T object) implements Scale {
        @Override
        public ApiObject target() {
            return object;
        }

        @Override
        public int specReplicas() {
            return kind.specReplicas().applyAsInt(object);
        }

        @Override
        public int statusReplicas() {
            return kind.statusReplicas().applyAsInt(object);
        }

        @Override
        public LabelSelector selector() {
            return kind.selector().apply(object);
        }

        @Override
        public void setReplicas(int replicas) {
            kind.setReplicas().accept(object, replicas);
            kind.objects().update(object);
        }
    }

    /** Registered kinds in registration order; looked up by kind, iterated only in that order. */
    private final Map<String, Kind<?>> kinds = new LinkedHashMap<>();

    /** Serves {@code /scale} for one more kind (a later registration of the same kind replaces it). */
    public <T extends ApiObject> void register(Kind<T> kind) {
        kinds.put(kind.kind(), kind);
    }

    /** Whether {@code kind} has a {@code /scale} subresource here. */
    public boolean serves(String kind) {
        return kinds.containsKey(kind);
    }

    /** The API server's resource name for a served kind ({@code replicasets.apps}), or null. */
    public String resource(String kind) {
        Kind<?> k = kinds.get(kind);
        return k == null ? null : k.resource();
    }

    /** The scale of one object, or null when the kind is not served or no such object exists. */
    public Scale get(String kind, String namespace, String name) {
        Kind<?> k = kinds.get(kind);
        return k == null ? null : find(k, namespace, name);
    }

    private static <T extends ApiObject> Scale find(Kind<T> k, String namespace, String name) {
        T o = k.objects().get(namespace, name);
        return o == null ? null : k.scaleOf(o);
    }

    /** The scale of every object of a served kind, in creation order; empty for another kind. */
    public List<Scale> list(String kind) {
        Kind<?> k = kinds.get(kind);
        return k == null ? List.of() : all(k);
    }

    private static <T extends ApiObject> List<Scale> all(Kind<T> k) {
        List<Scale> out = new ArrayList<>();
        for (T o : k.objects().list()) {
            out.add(k.scaleOf(o));
        }
        return out;
    }
}
