package io.kubesim.cluster;

import io.kubesim.api.QuantityFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * ResourceQuota admission for objects counted by {@code count/<resource>.<group>} (k8s-semantics.md
 * 15.1): creating one more object of a counted kind must keep {@code used + 1 <= hard} in every
 * quota of the namespace that names the key. The charge itself is made by the quota controller
 * when the object is stored. Used for the ReplicaSets the Deployment controller creates.
 */
public final class ObjectCountQuota {
    private final ClusterStore store;

    public ObjectCountQuota(ClusterStore store) {
        this.store = store;
    }

    /**
     * @param resource the group resource, e.g. {@code replicasets.apps}; the key is {@code count/<resource>}
     * @throws AdmissionException {@code <resource> "<name>" is forbidden: exceeded quota: ...}
     */
    public void admit(String namespace, String resource, String name) {
        String key = "count/" + resource;
        List<ResourceQuota> quotas = new ArrayList<>(store.resourceQuotasByNamespace().get(namespace));
        quotas.sort(java.util.Comparator.comparing(ResourceQuota::name));
        for (ResourceQuota q : quotas) {
            Long hard = q.hard().get(key);
            if (hard != null && q.used().get(key) + 1 > hard) {
                String used = QuantityFormat.decimal(q.used().get(key));
                throw new AdmissionException(resource + " \"" + name + "\" is forbidden: exceeded quota: " + q.name()
                        + ", requested: " + key + "=1, used: " + key + "=" + used + ", limited: " + key + "="
                        + QuantityFormat.decimal(hard));
            }
        }
    }
}
