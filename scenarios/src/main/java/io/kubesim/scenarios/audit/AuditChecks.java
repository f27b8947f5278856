package io.kubesim.scenarios.audit;

import io.kubesim.scenarios.audit.checks.ClusterAdminBinding;
import io.kubesim.scenarios.audit.checks.DeprecatedApiVersion;
import io.kubesim.scenarios.audit.checks.DnsBlocked;
import io.kubesim.scenarios.audit.checks.HpaCpuTarget;
import io.kubesim.scenarios.audit.checks.HpaWithoutCpuRequests;
import io.kubesim.scenarios.audit.checks.LimitRequestRatio;
import io.kubesim.scenarios.audit.checks.MemoryLimitBelowUsage;
import io.kubesim.scenarios.audit.checks.MemoryLimitMissing;
import io.kubesim.scenarios.audit.checks.NoDefaultDeny;
import io.kubesim.scenarios.audit.checks.NoPriorityClass;
import io.kubesim.scenarios.audit.checks.NoSpread;
import io.kubesim.scenarios.audit.checks.NodeConcentration;
import io.kubesim.scenarios.audit.checks.PdbBlocksDrain;
import io.kubesim.scenarios.audit.checks.PdbMissing;
import io.kubesim.scenarios.audit.checks.PreStopMissing;
import io.kubesim.scenarios.audit.checks.ProbeTimingVsStartup;
import io.kubesim.scenarios.audit.checks.ReadinessBeforeWarmUp;
import io.kubesim.scenarios.audit.checks.ReadinessMissing;
import io.kubesim.scenarios.audit.checks.ReadinessSameAsLiveness;
import io.kubesim.scenarios.audit.checks.RemovedApiVersion;
import io.kubesim.scenarios.audit.checks.ReplicasWithHpa;
import io.kubesim.scenarios.audit.checks.RequestsMissing;
import io.kubesim.scenarios.audit.checks.RevisionHistoryZero;
import io.kubesim.scenarios.audit.checks.RollingUpdateDefaults;
import io.kubesim.scenarios.audit.checks.RollingUpdateNearCapacity;
import io.kubesim.scenarios.audit.checks.SingleReplica;
import io.kubesim.scenarios.audit.checks.WildcardRole;
import java.util.List;

/** Every check of the audit, in audit order; a new check is its own class plus one entry here. */
public final class AuditChecks {
    private AuditChecks() {
    }

    public static List<AuditCheck> all() {
        return List.of(
                new RequestsMissing(),
                new MemoryLimitMissing(),
                new LimitRequestRatio(),
                new MemoryLimitBelowUsage(),
                new PdbMissing(),
                new PdbBlocksDrain(),
                new ReadinessMissing(),
                new ReadinessSameAsLiveness(),
                new ProbeTimingVsStartup(),
                new ReadinessBeforeWarmUp(),
                new RollingUpdateDefaults(),
                new RollingUpdateNearCapacity(),
                new PreStopMissing(),
                new HpaCpuTarget(),
                new HpaWithoutCpuRequests(),
                new ReplicasWithHpa(),
                new SingleReplica(),
                new NoSpread(),
                new NodeConcentration(),
                new NoPriorityClass(),
                new ClusterAdminBinding(),
                new WildcardRole(),
                new NoDefaultDeny(),
                new DnsBlocked(),
                new RemovedApiVersion(),
                new DeprecatedApiVersion(),
                new RevisionHistoryZero());
    }
}
