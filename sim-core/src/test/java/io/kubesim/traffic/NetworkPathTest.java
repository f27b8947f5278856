package io.kubesim.traffic;

import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.cluster.Pod;
import io.kubesim.testing.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The policy verdicts a connection path keeps per source, destination pod and Service
 * (k8s-semantics.md 17.9 for the verdicts themselves): kept while the destination pod is stored,
 * let go when it leaves, so a long run with pod churn keeps only the live pods' verdicts.
 */
class NetworkPathTest {
    private static final NetworkPolicies.Party WEB = new NetworkPolicies.Party("shop", Map.of("app", "web"));

    /** Ingress to app=db in shop is denied to everyone. */
    private static NetworkPolicies denyDb() {
        return new NetworkPolicies(List.of(new Manifest.NetworkPolicyManifest("shop", "deny-db", Map.of(),
                LabelSelector.of(Map.of("app", "db")), true, false, List.of(), List.of(), Manifest.Origin.UNKNOWN)),
                Map.of());
    }

    private static Endpoint endpointOf(Pod p) {
        return new Endpoint(p.metadata().key(), p.metadata().uid(), "", true, true, false);
    }

    @Test
    @DisplayName("verdicts are kept per destination pod while it is stored and let go when it is removed")
    void verdictsFollowThePods() {
        TestCluster c = new TestCluster(1);
        Pod db = c.add(pod("db-0").namespace("shop").label("app", "db").build());
        Pod api = c.add(pod("api-0").namespace("shop").label("app", "api").build());
        NetworkPath path = new NetworkPath(c.store, denyDb());
        assertFalse(path.admits(WEB, "web-0", endpointOf(db), "shop/db"));
        assertTrue(path.admits(WEB, "web-0", endpointOf(api), "shop/api"));
        assertTrue(path.admits(WEB, "web-1", endpointOf(api), "shop/api"));
        assertEquals(3, path.keptVerdicts());
        assertFalse(path.admits(WEB, "web-0", endpointOf(db), "shop/db"), "read back");
        assertEquals(3, path.keptVerdicts());

        c.store.pods().remove(api);
        assertEquals(1, path.keptVerdicts(), "api-0's two verdicts went with it");
        assertTrue(path.admits(WEB, "web-0", endpointOf(api), "shop/api"), "a gone pod: no policy applies");
        assertEquals(1, path.keptVerdicts(), "and nothing is kept for it");
    }

    @Test
    @DisplayName("an endpoint of a pod replaced under the same name is judged by the pod now stored, and not kept")
    void replacedPodJudgedByItsSuccessor() {
        TestCluster c = new TestCluster(1);
        Pod old = c.add(pod("db-0").namespace("shop").label("app", "api").build());
        Endpoint stale = endpointOf(old);
        c.store.pods().remove(old);
        c.add(pod("db-0").namespace("shop").label("app", "db").uid("uid-db-0-second").build());
        NetworkPath path = new NetworkPath(c.store, denyDb());
        assertFalse(path.admits(WEB, "web-0", stale, "shop/db"), "the stored db-0 is denied");
        assertEquals(0, path.keptVerdicts());
    }
}
