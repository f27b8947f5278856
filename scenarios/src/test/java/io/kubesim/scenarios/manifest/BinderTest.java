package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.yaml.YamlDocument;
import io.kubesim.scenarios.yaml.YamlReader;
import org.junit.jupiter.api.Test;

/**
 * Should Jackson itself reject a value (SchemaCheck normally catches it first), the error is
 * mapped back to the field's line and column and worded without Jackson's text.
 */
class BinderTest {
    @Test
    void jacksonTypeErrorsAreMappedToTheFieldsLocation() {
        YamlDocument doc = YamlReader.read("d.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  replicas: three
                """).get(0);
        InputException e = assertThrows(InputException.class, () -> Binder.bind(doc, "", doc.root(), Deployment.class));
        assertEquals(new Location("d.yaml", 4, 13), e.location());
        assertEquals("invalid value for spec.replicas: got a string (\"three\")", e.detail());
    }

    @Test
    void stringsAreNotCoercedIntoIntegersAsTheApiServerDoesNot() {
        YamlDocument doc = YamlReader.read("d.yaml", "kind: Deployment\nspec:\n  replicas: \"3\"\n").get(0);
        InputException e = assertThrows(InputException.class, () -> Binder.bind(doc, "", doc.root(), Deployment.class));
        assertEquals(new Location("d.yaml", 3, 13), e.location());
    }
}
