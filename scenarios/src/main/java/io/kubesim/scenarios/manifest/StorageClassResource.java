package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * storage.k8s.io/v1 StorageClass as Jackson binds it: the fields of the API type, for the schema
 * check and the binder (fabric8's storage model is not among kubesim's dependencies; its
 * StorageClass has the same fields).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = JsonDeserializer.None.class) // not fabric8's by-kind dispatch of KubernetesResource
public final class StorageClassResource extends KubernetesObject {
    private String provisioner;
    private Map<String, String> parameters;
    private String reclaimPolicy;
    private String volumeBindingMode;
    private List<TopologySelectorTerm> allowedTopologies;
    private List<String> mountOptions;
    private Boolean allowVolumeExpansion;

    public String getProvisioner() {
        return provisioner;
    }

    public void setProvisioner(String provisioner) {
        this.provisioner = provisioner;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    public String getReclaimPolicy() {
        return reclaimPolicy;
    }

    public void setReclaimPolicy(String reclaimPolicy) {
        this.reclaimPolicy = reclaimPolicy;
    }

    public String getVolumeBindingMode() {
        return volumeBindingMode;
    }

    public void setVolumeBindingMode(String volumeBindingMode) {
        this.volumeBindingMode = volumeBindingMode;
    }

    public List<TopologySelectorTerm> getAllowedTopologies() {
        return allowedTopologies;
    }

    public void setAllowedTopologies(List<TopologySelectorTerm> allowedTopologies) {
        this.allowedTopologies = allowedTopologies;
    }

    public List<String> getMountOptions() {
        return mountOptions;
    }

    public void setMountOptions(List<String> mountOptions) {
        this.mountOptions = mountOptions;
    }

    public Boolean getAllowVolumeExpansion() {
        return allowVolumeExpansion;
    }

    public void setAllowVolumeExpansion(Boolean allowVolumeExpansion) {
        this.allowVolumeExpansion = allowVolumeExpansion;
    }
}
