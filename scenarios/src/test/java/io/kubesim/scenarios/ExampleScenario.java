package io.kubesim.scenarios;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The one example scenario of the tests, src/test/resources/example/scenario.yaml, and its manifests. */
public final class ExampleScenario {
    private ExampleScenario() {
    }

    public static Path path() {
        try {
            return Path.of(ExampleScenario.class.getResource("/example/scenario.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
