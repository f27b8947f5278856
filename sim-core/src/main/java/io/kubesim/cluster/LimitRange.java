package io.kubesim.cluster;

import io.kubesim.api.LimitRangeItem;
import java.util.List;

/** A LimitRange: its items as the API server stored them (defaulted, k8s-semantics.md 15.2). */
public final class LimitRange implements ApiObject {
    public static final String KIND = "LimitRange";

    private final ObjectMeta metadata;
    private final List<LimitRangeItem> limits;

    public LimitRange(ObjectMeta metadata, List<LimitRangeItem> limits) {
        this.metadata = metadata;
        this.limits = List.copyOf(limits);
    }

    @Override
    public ObjectMeta metadata() {
        return metadata;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public List<LimitRangeItem> limits() {
        return limits;
    }
}
