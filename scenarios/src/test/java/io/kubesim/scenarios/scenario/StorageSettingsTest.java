package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.controllers.volume.StorageConfig;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario's {@code storage}: provisioning time and zones per StorageClass or provisioner, and
 * attach and detach times (k8s-semantics.md 14; the defaults are estimates, docs/scenario-format.md).
 */
class StorageSettingsTest {
    static final String STORAGE = """
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: gp3}
            provisioner: ebs.csi.aws.com
            volumeBindingMode: WaitForFirstConsumer
            """;

    @TempDir
    Path dir;

    private Path write(String storage) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB + "---\n" + STORAGE);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, ScenarioInputErrorsTest.BASE.replace("duration: 10m", "duration: 10m\nstorage:\n"
                + storage));
        return file;
    }

    @Test
    void withoutAStorageSectionEveryClassProvisionsIn5sAnywhere() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, ScenarioInputErrorsTest.BASE);
        StorageConfig storage = ScenarioLoader.load(file).value().storage();
        assertEquals(StorageConfig.DEFAULT, storage);
        StorageConfig.Provisioner p = storage.provisionerFor("gp3", "ebs.csi.aws.com");
        assertEquals(SimTime.seconds(5), p.provisioningTime().mean());
        assertEquals(List.of(), p.zones());
    }

    @Test
    void entriesByClassComeBeforeEntriesByProvisioner() throws Exception {
        SimulationSpec spec = ScenarioLoader.load(write("""
                  attachTime: 20s
                  detachTime: {uniform: {min: 2s, max: 8s}}
                  provisioners:
                    - provisioner: ebs.csi.aws.com
                      provisioningTime: 12s
                    - storageClass: gp3
                      provisioningTime: {lognormal: {median: 6s, p99: 30s}}
                      zones: [eu-west-1a, eu-west-1b]
                """)).value();
        StorageConfig s = spec.storage();
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(20)), s.attachTime());
        assertEquals(new DurationDistribution.Uniform(SimTime.seconds(2), SimTime.seconds(8)), s.detachTime());
        StorageConfig.Provisioner gp3 = s.provisionerFor("gp3", "ebs.csi.aws.com");
        assertEquals(new DurationDistribution.LogNormal(SimTime.seconds(6), SimTime.seconds(30)), gp3.provisioningTime());
        assertEquals(List.of("eu-west-1a", "eu-west-1b"), gp3.zones());
        assertEquals(SimTime.seconds(12), s.provisionerFor("io2", "ebs.csi.aws.com").provisioningTime().mean());
        assertEquals(true, s.canProvision("gp3", "ebs.csi.aws.com", "eu-west-1b"));
        assertEquals(false, s.canProvision("gp3", "ebs.csi.aws.com", "eu-west-1c"));
    }

    @Test
    void anEntryForAClassTheManifestsDoNotHaveIsAWarning() throws Exception {
        var loaded = ScenarioLoader.load(write("""
                  provisioners:
                    - storageClass: gp2
                    - provisioner: pd.csi.storage.gke.io
                """));
        assertEquals(List.of(
                dir.resolve("s.yaml") + ":8:21: warning: no StorageClass \"gp2\" in the manifests: this entry is not used",
                dir.resolve("s.yaml") + ":9:20: warning: no StorageClass in the manifests has provisioner "
                        + "\"pd.csi.storage.gke.io\": this entry is not used"),
                loaded.warnings().stream().map(Diagnostic::format).toList());
    }

    static Stream<Arguments> badStorage() {
        return Stream.of(
                Arguments.of("both class and provisioner",
                        "  provisioners:\n    - {storageClass: gp3, provisioner: ebs.csi.aws.com}\n", 8, 7,
                        "expected exactly one of storageClass (a StorageClass name) and provisioner (a provisioner "
                                + "such as ebs.csi.aws.com)"),
                Arguments.of("neither", "  provisioners:\n    - {zones: [a]}\n", 8, 7,
                        "expected exactly one of storageClass (a StorageClass name) and provisioner (a provisioner "
                                + "such as ebs.csi.aws.com)"),
                Arguments.of("a class twice", "  provisioners:\n    - {storageClass: gp3}\n    - {storageClass: gp3}\n",
                        9, 7, "a second entry for storageClass gp3: each StorageClass or provisioner is listed once"),
                Arguments.of("no zones", "  provisioners:\n    - {storageClass: gp3, zones: []}\n", 8, 34,
                        "expected at least one zone (leave zones out for any zone)"),
                Arguments.of("a zone twice", "  provisioners:\n    - {storageClass: gp3, zones: [a, a]}\n", 8, 34,
                        "a zone is listed twice"),
                Arguments.of("negative attach time", "  attachTime: -5s\n", 7, 15,
                        "duration must not be negative, got \"-5s\""),
                Arguments.of("bare number", "  detachTime: 5\n", 7, 15,
                        "expected a duration with a unit such as 5s, 5m or 1h30m, got a bare number (5)"),
                Arguments.of("provisioners not a list", "  provisioners: {storageClass: gp3}\n", 7, 17,
                        "expected a list, got a mapping"),
                Arguments.of("defaultStorageClass not a boolean", "  defaultStorageClass: standard\n", 7, 24,
                        "expected true or false, got a string (\"standard\")"),
                Arguments.of("unknown field", "  provisioners:\n    - {storageClass: gp3, zone: [a]}\n", 8, 27,
                        "unknown field \"zone\" in Provisioner: did you mean \"zones\"?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStorage")
    void badValuesAreOneLocatedError(String name, String storage, int line, int column, String message)
            throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB + "---\n" + STORAGE);
        ScenarioInputErrorsTest.assertOneLocatedError(dir, ScenarioInputErrorsTest.BASE.replace("duration: 10m",
                "duration: 10m\nstorage:\n" + storage), line, column, message);
    }
}
