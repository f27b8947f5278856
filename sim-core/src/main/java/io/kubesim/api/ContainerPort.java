package io.kubesim.api;

/** A container port; {@code hostPort} 0 means none. */
public record ContainerPort(String name, int containerPort, int hostPort, String protocol, String hostIP) {
    public ContainerPort {
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol;
        hostIP = hostIP == null || hostIP.isEmpty() ? "0.0.0.0" : hostIP;
    }
}
