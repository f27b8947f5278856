package io.kubesim.scenarios.scenario;

import io.kubesim.scenarios.manifest.ManifestFiles;
import io.kubesim.scenarios.yaml.YamlReader;
import java.nio.file.Path;

/** One top-level section of a scenario file, read again after the loader has accepted the file. */
final class ScenarioSections {
    private ScenarioSections() {
    }

    static ScenarioNode of(Path file, String name) {
        var source = ManifestFiles.read(file);
        var doc = YamlReader.read(source.name(), source.text()).get(0);
        return ScenarioNode.root(doc).get(name);
    }
}
