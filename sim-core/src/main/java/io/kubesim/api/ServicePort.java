package io.kubesim.api;

/** A service port. {@code targetPort} is a number or the name of a container port. */
public record ServicePort(String name, int port, String targetPort, String protocol, int nodePort) {
}
