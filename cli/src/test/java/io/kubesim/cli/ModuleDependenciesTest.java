package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Module dependencies point one way (DESIGN.md): cli → {scenarios, reports} → sim-core, and
 * sim-core depends on commons-math3 only.
 */
class ModuleDependenciesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Set<String> dependencies(String module, boolean kubesimOnly) throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve(module).resolve("pom.xml").toFile());
        Element project = pom.getDocumentElement();
        Set<String> deps = new TreeSet<>();
        NodeList children = project.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("dependencies")) {
                NodeList ds = e.getElementsByTagName("dependency");
                for (int j = 0; j < ds.getLength(); j++) {
                    Element d = (Element) ds.item(j);
                    String group = text(d, "groupId");
                    String artifact = text(d, "artifactId");
                    String scope = text(d, "scope");
                    if ("test".equals(scope)) {
                        continue;
                    }
                    if (!kubesimOnly || group.equals("io.kubesim")) {
                        deps.add(kubesimOnly ? artifact : group + ":" + artifact);
                    }
                }
            }
        }
        return deps;
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
    }

    @Test
    @DisplayName("cli -> scenarios, reports -> sim-core, and nothing points back")
    void oneWay() throws Exception {
        assertTrue(Files.exists(ROOT.resolve("pom.xml")), "run from the cli module");
        Map<String, Set<String>> expected = Map.of(
                "sim-core", Set.of(),
                "scenarios", Set.of("sim-core"),
                "reports", Set.of("sim-core"),
                "cli", Set.of("scenarios", "reports"),
                "benchmarks", Set.of("sim-core", "cli")); // at the top: SweepBenchmark measures the CLI's sweep runner
        for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
            assertEquals(new TreeSet<>(e.getValue()), dependencies(e.getKey(), true), e.getKey());
        }
    }

    @Test
    @DisplayName("sim-core depends on commons-math3 and nothing else")
    void simCoreIsPure() throws Exception {
        assertEquals(Set.of("org.apache.commons:commons-math3"), dependencies("sim-core", false));
    }
}
