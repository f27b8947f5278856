package io.kubesim.api;

/**
 * One {@code ports} entry of a NetworkPolicy rule: a protocol (TCP by default) and a port number,
 * a named container port, or every port when both are absent; {@code endPort} makes a range.
 *
 * @param port    the number, or 0 when named or absent
 * @param name    the container port's name, or "" when numeric or absent
 * @param endPort the range's last port, or 0
 */
public record NetworkPolicyPort(String protocol, int port, String name, int endPort) {
    /** True when this entry admits {@code number} (or the container port named {@code portName}) over {@code proto}. */
    public boolean admits(int number, String portName, String proto) {
        if (!protocol.equals(proto)) {
            return false;
        }
        if (!name.isEmpty()) {
            return name.equals(portName);
        }
        if (port == 0) {
            return true;
        }
        return endPort > 0 ? number >= port && number <= endPort : number == port;
    }
}
