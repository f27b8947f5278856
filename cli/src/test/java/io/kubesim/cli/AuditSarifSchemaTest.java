package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kubesim audit --format sarif} is valid SARIF 2.1.0: checked against the OASIS schema
 * (src/test/resources/sarif, see its SOURCE.md) on real manifests with findings of every area.
 */
class AuditSarifSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"online-boutique", "sock-shop", "argo-rollouts", "kubernetes-website"})
    void sarifValidatesAgainstTheSchema(String app) throws IOException {
        CliHarness.Result r = CliHarness.run("audit", CliHarness.ROOT.resolveSibling("shared").resolve("manifests")
                .resolve(app).toString(), "--format", "sarif");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode sarif = JSON.readTree(r.out());
        JsonSchema schema;
        try (InputStream in = AuditSarifSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(sarif);
        assertEquals(Set.of(), errors, app);
        assertTrue(sarif.at("/runs/0/results").size() > 0, app + " has findings");
        ((com.fasterxml.jackson.databind.node.ObjectNode) sarif.at("/runs/0/results/0")).put("level", "fatal");
        assertTrue(!schema.validate(sarif).isEmpty(), "the schema does check: a level SARIF does not have is refused");
    }
}
