package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.InputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * spec.serviceName as the API server takes it: optional (a set without one loads), and when
 * written a lowercase RFC 1123 label, since it becomes each pod's spec.subdomain
 * (k8s-semantics.md 11: subdomain = serviceName).
 */
class StatefulSetServiceNameTest {
    private static final String SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: postgres}]}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "absent         | ''",
            "empty          | '  serviceName: \"\"\n'",
            "a DNS label    | '  serviceName: db-headless\n'"})
    @DisplayName("Accepted: no serviceName, an empty one, a DNS label")
    void accepted(String name, String line) {
        var ms = new ManifestLoader().loadText("m.yaml", SET + line).value();
        assertEquals(1, ms.stream().filter(m -> m instanceof Manifest.StatefulSetManifest).count());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "upper case and underscore | My_Svc",
            "a dot (a subdomain, not a label) | db.svc",
            "64 characters | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "ends with a dash | db-"})
    @DisplayName("Refused: a serviceName that is no DNS label, one located error at the value")
    void refused(String name, String value) {
        InputException e = assertThrows(InputException.class,
                () -> new ManifestLoader().loadText("m.yaml", SET + "  serviceName: " + value + "\n"));
        assertEquals(9, e.line(), e.format());
        assertEquals(16, e.column(), e.format());
        assertEquals("invalid serviceName \"" + value + "\": expected a lowercase RFC 1123 label (at most 63 "
                + "lower-case letters, digits and '-', starting and ending with a letter or digit), as it becomes "
                + "each pod's subdomain", e.detail());
    }
}
