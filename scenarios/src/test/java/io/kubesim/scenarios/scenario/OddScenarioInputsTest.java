package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Empty, null and misplaced values in a scenario end in an InputException, never another exception. */
class OddScenarioInputsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "'cluster:\n  nodePools:\n    - name: pool-a\n      count: 3\n      allocatable: {cpu: \"4\", memory: 16Gi}' | 'cluster: ~'",
            "'count: 3'                                    | 'count: ~'",
            "'count: 3'                                    | 'count: 1.5'",
            "'allocatable: {cpu: \"4\", memory: 16Gi}'     | 'allocatable: {cpu: ~, memory: 16Gi}'",
            "'allocatable: {cpu: \"4\", memory: 16Gi}'     | 'allocatable: [4, 16Gi]'",
            "'allocatable: {cpu: \"4\", memory: 16Gi}'     | 'allocatable: {cpu: {a: 1}, memory: 16Gi}'",
            "'web: {startupTime: 5s}'                      | 'web: ~'",
            "'web: {startupTime: 5s}'                      | 'web: {startupTime: ~}'",
            "'web: {startupTime: 5s}'                      | 'web: {startupTime: [5s]}'",
            "'web: {startupTime: 5s}'                      | 'web: {startupTime: {}}'",
            "'web: {startupTime: 5s}'                      | 'web: {startupTime: {lognormal: ~}}'",
            "'manifests: [web.yaml]'                       | 'manifests: [~]'",
            "'manifests: [web.yaml]'                       | 'manifests: web.yaml'",
            "'manifests: [web.yaml]'                       | 'manifests: [-]'",
            "'manifests: [web.yaml]'                       | 'manifests: [.]'",
            "'  - at: 1m'                                  | '  - ~'",
            "'  - at: 1m'                                  | '  - at: ~'",
            "'scale: {deployment: web, replicas: 2}'       | 'scale: ~'",
            "'scale: {deployment: web, replicas: 2}'       | 'removeNodes: {}'",
            "'scale: {deployment: web, replicas: 2}'       | 'cordon: {nodes: []}'",
            "'scale: {deployment: web, replicas: 2}'       | 'rollout: {deployment: web, images: ~}'",
            "'scale: {deployment: web, replicas: 2}'       | 'rollout: {deployment: web, images: {web: ~}}'",
            "'metadata:\n  name: t'                        | 'metadata: ~'",
            "'metadata:\n  name: t'                        | 'metadata: {name: 5}'",
    })
    void oddValuesAreInputErrors(String from, String to) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        Path file = dir.resolve("s.yaml");
        String text = ScenarioInputErrorsTest.BASE.replace(from.replace("\\n", "\n"), to);
        assertNotEquals(ScenarioInputErrorsTest.BASE, text, "the case must change the base scenario");
        Files.writeString(file, text);
        try {
            ScenarioLoader.load(file);
        } catch (InputException e) {
            assertTrue(e.format().startsWith(dir.toString()), e.format());
        }
    }
}
