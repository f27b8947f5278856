package io.kubesim.cluster;

import static io.kubesim.testing.Fixtures.container;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.api.LimitRangeItem;
import io.kubesim.api.QuotaScope;
import io.kubesim.api.Resources;
import io.kubesim.testing.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ResourceQuota admission for pods (k8s-semantics.md 15.1): usage is charged at admission, the
 * refusal is upstream's 403 text with Kubernetes quantity formatting, the "must specify" rule,
 * scopes, and LimitRange defaults applied before the quota sees the pod.
 */
class ResourceQuotaAdmissionTest {
    private static final long MI = 1L << 20;

    private final TestCluster cluster = new TestCluster(1);
    private final PodAdmission admission = new PodAdmission(cluster.store);

    private ResourceQuota quota(String name, Map<String, Long> hard, QuotaScope... scopes) {
        return cluster.store.resourceQuotas().create(new ResourceQuota(new ObjectMeta("default", name, "uid-" + name),
                hard, List.of(scopes)));
    }

    private Pod create(String name, String cpu, String limitCpu) {
        return admission.create(pod(name).container(container("app").cpu(cpu).limitCpu(limitCpu)).build());
    }

    @Test
    @DisplayName("15.1: the exceeded quota message lists only the exceeded keys, sorted, in quantity format")
    void exceededQuotaMessage() {
        ResourceQuota q = quota("compute-quota", Map.of("requests.cpu", 2000L, "limits.cpu", 2000L, "pods", 10L));
        create("web-1", "1", "1");
        create("web-2", "750m", "1");
        assertEquals(Map.of("limits.cpu", 2000L, "pods", 2L, "requests.cpu", 1750L), q.used());
        AdmissionException e = assertThrows(AdmissionException.class, () -> create("web-7d4b9c-x2k4q", "250m", "500m"));
        assertEquals("pods \"web-7d4b9c-x2k4q\" is forbidden: exceeded quota: compute-quota, "
                + "requested: limits.cpu=500m, used: limits.cpu=2, limited: limits.cpu=2", e.getMessage());
        assertEquals(Map.of("limits.cpu", 2000L, "pods", 2L, "requests.cpu", 1750L), q.used(),
                "a refused pod charges nothing");
        assertEquals(2, cluster.store.pods().size());
    }

    @Test
    @DisplayName("15.1: memory prints as Kubernetes prints it (Mi), pods as a count")
    void memoryAndPodsFormatting() {
        quota("mem", Map.of("requests.memory", 256 * MI, "pods", 1L));
        admission.create(pod("a").container(container("app").memory("192Mi")).build());
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> admission.create(pod("b").container(container("app").memory("128Mi")).build()));
        assertEquals("pods \"b\" is forbidden: exceeded quota: mem, requested: pods=1,requests.memory=128Mi, "
                + "used: pods=1,requests.memory=192Mi, limited: pods=1,requests.memory=256Mi", e.getMessage());
    }

    @Test
    @DisplayName("15.1: a cpu/memory quota makes every container (init included) specify them: must specify, sorted")
    void mustSpecify() {
        quota("compute", Map.of("limits.cpu", 4000L, "limits.memory", 4096 * MI, "requests.cpu", 4000L));
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> admission.create(pod("web-1").container(container("app").cpu("100m").limitCpu("200m"))
                        .initContainer(container("setup")).build()));
        assertEquals("pods \"web-1\" is forbidden: failed quota: compute: must specify limits.cpu,limits.memory,"
                + "requests.cpu", e.getMessage());
    }

    @Test
    @DisplayName("15.1 and 15.2: LimitRange defaults run first and satisfy the must-specify rule")
    void limitRangeDefaultsSatisfyMustSpecify() {
        quota("compute", Map.of("requests.cpu", 1000L, "limits.cpu", 2000L));
        Resources cpu = Resources.builder().cpuMillis(500).build();
        cluster.store.limitRanges().create(new LimitRange(new ObjectMeta("default", "defaults", "uid-lr"),
                List.of(new LimitRangeItem(LimitRangeItem.CONTAINER, null, null, cpu, cpu, Map.of()))));
        assertDoesNotThrow(() -> admission.create(pod("web-1").container(container("app")).build()));
        assertDoesNotThrow(() -> admission.create(pod("web-2").container(container("app")).build()));
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> admission.create(pod("web-3").container(container("app")).build()));
        assertEquals("pods \"web-3\" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, "
                + "used: requests.cpu=1, limited: requests.cpu=1", e.getMessage());
    }

    @Test
    @DisplayName("15.1: a quota only sees what its hard keys name; a count-only quota ignores resources")
    void onlyHardKeysAreCharged() {
        ResourceQuota q = quota("count", Map.of("count/pods", 2L));
        create("a", "1", "1");
        create("b", "1", "1");
        assertEquals(Map.of("count/pods", 2L), q.used());
        AdmissionException e = assertThrows(AdmissionException.class, () -> create("c", "1", "1"));
        assertEquals("pods \"c\" is forbidden: exceeded quota: count, requested: count/pods=1, used: count/pods=2, "
                + "limited: count/pods=2", e.getMessage());
    }

    @Test
    @DisplayName("15.1 scopes: a BestEffort quota counts only BestEffort pods; NotBestEffort the others")
    void bestEffortScopes() {
        ResourceQuota be = quota("best-effort", Map.of("pods", 1L), QuotaScope.exists(QuotaScope.BEST_EFFORT));
        ResourceQuota notBe = quota("not-best-effort", Map.of("pods", 5L), QuotaScope.exists(QuotaScope.NOT_BEST_EFFORT));
        admission.create(pod("be-1").container(container("app")).build());
        create("burstable-1", "100m", "200m");
        assertEquals(1L, be.used().get("pods"));
        assertEquals(1L, notBe.used().get("pods"));
        assertThrows(AdmissionException.class, () -> admission.create(pod("be-2").container(container("app")).build()));
        assertDoesNotThrow(() -> create("burstable-2", "100m", "200m"));
    }

    @Test
    @DisplayName("15.1 scopes: a PriorityClass In quota counts only pods of the named classes")
    void priorityClassScope() {
        ResourceQuota high = quota("high", Map.of("pods", 1L),
                new QuotaScope(QuotaScope.PRIORITY_CLASS, "In", List.of("high")));
        cluster.store.priorityClasses().create(new PriorityClass(new ObjectMeta("", "high", "uid-high"), 1000, false,
                false));
        admission.create(pod("low-1").container(container("app")).build());
        admission.create(pod("high-1").priorityClassName("high").container(container("app")).build());
        assertEquals(1L, high.used().get("pods"));
        assertThrows(AdmissionException.class,
                () -> admission.create(pod("high-2").priorityClassName("high").container(container("app")).build()));
        assertDoesNotThrow(() -> admission.create(pod("low-2").container(container("app")).build()));
    }

    @Test
    @DisplayName("15.1: a pod is charged to every matching quota or to none (the first refusal is reported)")
    void chargedToAllOrNone() {
        ResourceQuota a = quota("a-pods", Map.of("pods", 5L));
        ResourceQuota b = quota("b-cpu", Map.of("requests.cpu", 1000L));
        create("web-1", "1", "1");
        AdmissionException e = assertThrows(AdmissionException.class, () -> create("web-2", "1", "1"));
        assertEquals("pods \"web-2\" is forbidden: exceeded quota: b-cpu, requested: requests.cpu=1, "
                + "used: requests.cpu=1, limited: requests.cpu=1", e.getMessage());
        assertEquals(1L, a.used().get("pods"), "the pod passed a-pods but was refused by b-cpu: no charge");
        assertEquals(1000L, b.used().get("requests.cpu"));
    }

    @Test
    @DisplayName("15.1: releasing a pod's charge gives back exactly what it was charged; max used stays")
    void releaseGivesBackTheCharge() {
        ResourceQuota q = quota("compute", Map.of("requests.cpu", 2000L, "pods", 2L));
        Pod p = create("web-1", "1500m", "2");
        assertEquals(true, q.release(p.metadata().uid()));
        assertEquals(Map.of("pods", 0L, "requests.cpu", 0L), q.used());
        assertEquals(Map.of("pods", 1L, "requests.cpu", 1500L), q.maxUsed());
        assertEquals(false, q.release(p.metadata().uid()), "a second release is a no-op");
    }
}
