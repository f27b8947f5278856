package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.Service;
import io.kubesim.api.Manifest;
import io.kubesim.api.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Service: type defaults to ClusterIP, a port's targetPort defaults to its port when it
 * is absent, {@code 0} or {@code ""} (pkg/apis/core/v1/defaults.go SetDefaults_Service;
 * k8s-semantics.md 16.1), protocol to TCP (UDP and SCTP load; the traffic model sends requests to
 * TCP ports only), and {@code clusterIP: None} makes it headless.
 */
final class ServiceReader {
    /** ValidateServiceSpec: the protocols a Service port may use. */
    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    private static final List<String> TYPES = List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");

    private ServiceReader() {
    }

    /**
     * apimachinery's IsValidPortName (an IANA service name), which the API server applies to a
     * string targetPort: null when valid, else what is wrong. {@code "8080"} in quotes is a name,
     * and an invalid one: it has no letter.
     */
    static String portNameProblem(String name) {
        if (name.length() > 15) {
            return "must be no more than 15 characters";
        }
        if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
        }
        if (name.contains("--")) {
            return "must not contain consecutive hyphens";
        }
        if (name.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            return "must contain at least one letter (a-z)";
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            return "must not begin or end with a hyphen";
        }
        return null;
    }

    /** {@code sessionAffinityConfig.clientIP.timeoutSeconds}'s default: 3 hours. */
    static final int DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10800;
    /** Its upper bound in API validation: one day. */
    static final int MAX_AFFINITY_TIMEOUT_SECONDS = 86400;

    static Manifest.ServiceManifest read(ObjectContext ctx, Service s, ObjectMetaReader.Meta meta) {
        var spec = s.getSpec();
        String type = spec == null || spec.getType() == null || spec.getType().isEmpty() ? "ClusterIP" : spec.getType();
        if (!TYPES.contains(type)) {
            throw ctx.error("/spec/type", "expected one of " + TYPES + ", got \"" + type + "\"");
        }
        List<ServicePort> ports = new ArrayList<>();
        var list = spec == null ? null : spec.getPorts();
        for (int i = 0; list != null && i < list.size(); i++) {
            var p = list.get(i);
            String pointer = "/spec/ports/" + i;
            if (p.getPort() == null || p.getPort() < 1 || p.getPort() > 65535) {
                throw ctx.error(pointer + "/port", "port must be between 1 and 65535, got " + p.getPort());
            }
            String target = String.valueOf(p.getPort());
            if (p.getTargetPort() != null) {
                if (p.getTargetPort().getIntVal() != null && p.getTargetPort().getIntVal() != 0) {
                    int t = p.getTargetPort().getIntVal();
                    if (t < 1 || t > 65535) {
                        throw ctx.error(pointer + "/targetPort", "targetPort must be between 1 and 65535, got " + t);
                    }
                    target = String.valueOf(t);
                } else if (p.getTargetPort().getStrVal() != null && !p.getTargetPort().getStrVal().isEmpty()) {
                    target = p.getTargetPort().getStrVal();
                    String problem = portNameProblem(target);
                    if (problem != null) {
                        throw ctx.error(pointer + "/targetPort", "a named targetPort " + problem + ", got \"" + target
                                + "\"" + (target.chars().allMatch(Character::isDigit) ? " (write the number unquoted)" : ""));
                    }
                }
            }
            String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
            if (!PROTOCOLS.contains(protocol)) {
                throw ctx.error(pointer + "/protocol", "expected one of " + PROTOCOLS + ", got \"" + protocol + "\"");
            }
            ports.add(new ServicePort(p.getName() == null ? "" : p.getName(), p.getPort(), target, protocol,
                    p.getNodePort() == null ? 0 : p.getNodePort()));
        }
        Map<String, String> selector = spec == null || spec.getSelector() == null ? Map.of() : spec.getSelector();
        boolean headless = spec != null && "None".equals(spec.getClusterIP());
        boolean publishNotReady = spec != null && Boolean.TRUE.equals(spec.getPublishNotReadyAddresses());
        return new Manifest.ServiceManifest(meta.namespace(), meta.name(), meta.labels(), selector, ports, type, headless,
                publishNotReady, ctx.origin(), clientIpAffinitySeconds(ctx, spec));
    }

    /**
     * {@code sessionAffinity: ClientIP}'s timeout, {@code sessionAffinityConfig.clientIP.timeoutSeconds}
     * defaulted to 10800 and valid from 1 to 86400 as the API server has it; 0 for {@code None}.
     */
    private static int clientIpAffinitySeconds(ObjectContext ctx, io.fabric8.kubernetes.api.model.ServiceSpec spec) {
        String affinity = spec == null || spec.getSessionAffinity() == null || spec.getSessionAffinity().isEmpty()
                ? "None" : spec.getSessionAffinity();
        if (!affinity.equals("None") && !affinity.equals("ClientIP")) {
            throw ctx.error("/spec/sessionAffinity", "Unsupported value: \"" + affinity
                    + "\": supported values: \"ClientIP\", \"None\"");
        }
        if (affinity.equals("None")) {
            return 0;
        }
        var config = spec.getSessionAffinityConfig();
        Integer t = config == null || config.getClientIP() == null ? null : config.getClientIP().getTimeoutSeconds();
        if (t == null) {
            return DEFAULT_AFFINITY_TIMEOUT_SECONDS;
        }
        if (t < 1 || t > MAX_AFFINITY_TIMEOUT_SECONDS) {
            throw ctx.error("/spec/sessionAffinityConfig/clientIP/timeoutSeconds",
                    "must be greater than 0 and less than or equal to " + MAX_AFFINITY_TIMEOUT_SECONDS + ", got " + t);
        }
        return t;
    }
}
