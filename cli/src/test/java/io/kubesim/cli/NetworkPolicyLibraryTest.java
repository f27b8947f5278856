package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * library/network-policy-dns.yaml and its fixed twin: NetworkPolicies act on the traffic as
 * k8s-semantics.md 17.9 states (default-deny egress without DNS fails every call by name; a
 * connection no rule admits is dropped, seen as a connect timeout).
 */
class NetworkPolicyLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private JsonNode run(String scenario, String... extra) throws IOException {
        Path out = tmp.resolve(scenario + extra.length);
        String[] args = new String[5 + extra.length];
        System.arraycopy(new String[]{"run", CliHarness.library(scenario), "--out", out.toString(), "-q"}, 0, args, 0, 5);
        System.arraycopy(extra, 0, args, 5, extra.length);
        CliHarness.Result r = CliHarness.run(args);
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void withoutADnsRuleEveryCallByNameFails() throws IOException {
        JsonNode s = run("network-policy-dns.yaml");
        long calls = s.at("/services/catalog/requests").asLong();
        assertTrue(calls > 30_000, s.at("/services").toString());
        assertEquals(calls, s.at("/services/catalog/failedByCause/dns_timeout").asLong(), "every lookup times out");
        assertEquals(s.at("/requests/total").asLong(), s.at("/requests/failed").asLong(), "so does every page");
        assertEquals(s.at("/requests/failed").asLong(), s.at("/requests/byCause/dependency_failed").asLong());
    }

    @Test
    void theDnsRuleFixesItAndAConnectionNoRuleAdmitsIsDropped() throws IOException {
        JsonNode fixed = run("network-policy-dns-allowed.yaml");
        assertEquals(0, fixed.at("/requests/failed").asLong());
        assertTrue(fixed.at("/requests/total").asLong() > 30_000);
        // catalog admits only port 9090 now: storefront's connections to 8080 are dropped
        JsonNode dropped = run("network-policy-dns-allowed.yaml", "--set",
                "shop/networkpolicy/catalog-from-storefront:spec.ingress[0].ports[0].port=9090");
        long calls = dropped.at("/services/catalog/requests").asLong();
        assertTrue(calls > 30_000, dropped.at("/services").toString());
        assertEquals(calls, dropped.at("/services/catalog/failedByCause/policy_dropped").asLong());
    }

    @Test
    void theFluidModeEnforcesThemToo() throws IOException {
        JsonNode dns = run("network-policy-dns.yaml", "--traffic-mode", "fluid");
        long calls = dns.at("/services/catalog/requests").asLong();
        assertTrue(calls > 30_000, dns.at("/services").toString());
        assertEquals(calls, dns.at("/services/catalog/failedByCause/dns_timeout").asLong());
        JsonNode dropped = run("network-policy-dns-allowed.yaml", "--traffic-mode", "fluid", "--set",
                "shop/networkpolicy/catalog-from-storefront:spec.ingress[0].ports[0].port=9090");
        assertEquals(dropped.at("/services/catalog/requests").asLong(),
                dropped.at("/services/catalog/failedByCause/policy_dropped").asLong());
        assertEquals(0, run("network-policy-dns-allowed.yaml", "--traffic-mode", "fluid").at("/requests/failed").asLong());
    }
}
