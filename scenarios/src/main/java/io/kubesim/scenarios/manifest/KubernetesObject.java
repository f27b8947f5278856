package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The TypeMeta and ObjectMeta every object has ({@code apiVersion}, {@code kind},
 * {@code metadata}), for the Jackson-bound classes kubesim writes itself where fabric8's model is
 * not among its dependencies (StorageClass, Argo Rollouts' kinds).
 */
public abstract class KubernetesObject implements HasMetadata {
    private String apiVersion;
    private String kind;
    private ObjectMeta metadata;

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }
}
