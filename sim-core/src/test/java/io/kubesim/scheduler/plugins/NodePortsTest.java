package io.kubesim.scheduler.plugins;

import static io.kubesim.testing.Fixtures.container;
import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.Status;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NodePorts, k8s-semantics.md 3.4: a wanted host port conflicts with a used one of the same
 * protocol and port when the host IPs are equal or either is 0.0.0.0.
 */
class NodePortsTest {
    @ParameterizedTest(name = "used {0}/{1}@{2}, wanted {3}/{4}@{5} -> conflict {6}")
    @CsvSource({
            "8080,TCP,0.0.0.0,8080,TCP,0.0.0.0,true",
            "8080,TCP,0.0.0.0,8080,UDP,0.0.0.0,false",
            "8080,TCP,0.0.0.0,8081,TCP,0.0.0.0,false",
            "8080,TCP,10.0.0.1,8080,TCP,10.0.0.2,false",
            "8080,TCP,10.0.0.1,8080,TCP,10.0.0.1,true",
            "8080,TCP,10.0.0.1,8080,TCP,0.0.0.0,true",
            "8080,TCP,0.0.0.0,8080,TCP,10.0.0.2,true"})
    void hostPortConflicts(int usedPort, String usedProto, String usedIp, int port, String proto, String ip,
                           boolean conflict) {
        NodeInfo n = new NodeInfo(node("n").cpu("1").memory("1Gi").build());
        n.addPod(PodInfo.of(pod("old").container(container("c").hostPort(usedPort, usedPort, usedProto, usedIp)).build()));
        PodInfo wanted = PodInfo.of(pod("new").container(container("c").hostPort(port, port, proto, ip)).build());
        Status s = new NodePorts().filter(new CycleState(), wanted, n);
        if (conflict) {
            assertEquals(Code.UNSCHEDULABLE, s.code());
            assertEquals(List.of("node(s) didn't have free ports for the requested pod ports"), s.reasons());
        } else {
            assertEquals(Code.SUCCESS, s.code());
        }
    }

    @org.junit.jupiter.api.Test
    void withHostNetworkEveryContainerPortIsAHostPort() {
        NodeInfo n = new NodeInfo(node("n").cpu("1").memory("1Gi").build());
        n.addPod(PodInfo.of(pod("old").hostNetwork().container(container("c").port(9100)).build()));
        PodInfo wanted = PodInfo.of(pod("new").hostNetwork().container(container("c").port(9100)).build());
        assertEquals(Code.UNSCHEDULABLE, new NodePorts().filter(new CycleState(), wanted, n).code());
    }

    @org.junit.jupiter.api.Test
    void preFilterSkipsAPodWithoutHostPorts() {
        NodePorts plugin = new NodePorts();
        assertEquals(Code.SKIP, plugin.preFilter(new CycleState(), PodInfo.of(pod("p").container(container("c").port(80))
                .build())).code());
        assertEquals(Code.SUCCESS, plugin.preFilter(new CycleState(), PodInfo.of(pod("p").hostPort(80).build())).code());
    }
}
