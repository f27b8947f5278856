package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ResourceUsage;
import io.kubesim.engine.SimTime;
import io.kubesim.kubelet.EvictionConfig;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application's {@code usage} and a node pool's {@code capacity} and {@code kubelet} eviction
 * settings: how they are read, their defaults, and one located error for each bad value.
 */
class ResourceSettingsTest {
    private static final long MI = 1L << 20;
    /** Line numbers below refer to this text; line 12 is "kubelet:", line 16 "usage:". */
    static final String BASE = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata:
              name: t
            duration: 10m
            manifests: [web.yaml]
            cluster:
              nodePools:
                - name: pool-a
                  count: 3
                  allocatable: {cpu: "4", memory: 16Gi}
                  kubelet:
                    evictionHard: {memory.available: 200Mi}
            applications:
              web:
                usage:
                  cpu: 50m
                  memory: 300Mi
                  memoryGrowthPerMinute: 10Mi
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifest() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
    }

    private Loaded<SimulationSpec> load(String text) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, text);
        return ScenarioLoader.load(file);
    }

    @Test
    @DisplayName("a pool that does not declare ephemeral-storage has 100Gi (every real node reports some); a declared value wins")
    void ephemeralStorageDefault() throws Exception {
        NodePool pool = load(BASE).value().nodePools().get(0);
        assertEquals(100L << 30, pool.allocatable().ephemeralStorageBytes());
        NodePool declared = load(BASE.replace("{cpu: \"4\", memory: 16Gi}", "{cpu: \"4\", memory: 16Gi, ephemeral-storage: 20Gi}"))
                .value().nodePools().get(0);
        assertEquals(20L << 30, declared.allocatable().ephemeralStorageBytes());
    }

    @Test
    @DisplayName("usage: cpu in cores, memory in bytes, growth per minute as bytes per second")
    void usageIsRead() throws Exception {
        ResourceUsage u = load(BASE).value().applications().get("web").usage();
        assertEquals(0.05, u.cpuBaseline(), 1e-12);
        assertEquals(300 * MI, u.memoryBaseline());
        assertEquals(10.0 * MI / 60, u.memoryGrowthPerSecond(), 1e-9);
        assertNull(u.burst());
    }

    @Test
    @DisplayName("a burst starts at 'every' unless 'start' says otherwise")
    void burstDefaults() throws Exception {
        ResourceUsage u = load(BASE + "      burst: {every: 10m, duration: 1m, memory: 200Mi}\n").value()
                .applications().get("web").usage();
        assertEquals(new ResourceUsage.Burst(SimTime.minutes(10), SimTime.minutes(10), SimTime.minutes(1), 0, 200 * MI),
                u.burst());
    }

    @Test
    @DisplayName("no usage: the default working set (half the request), no CPU beyond requests; no kubelet: memory.available<100Mi, capacity = allocatable + 100Mi")
    void defaults() throws Exception {
        String text = BASE.replace("      kubelet:\n        evictionHard: {memory.available: 200Mi}\n", "")
                .replace("    usage:\n      cpu: 50m\n      memory: 300Mi\n      memoryGrowthPerMinute: 10Mi\n",
                        "    startupTime: 5s\n");
        SimulationSpec spec = load(text).value();
        assertEquals(ResourceUsage.DEFAULT, spec.applications().get("web").usage());
        NodePool pool = spec.nodePools().get(0);
        assertEquals(EvictionConfig.DEFAULT, pool.eviction());
        assertEquals(16L * 1024 * MI + 100 * MI, pool.nodeCapacity().memoryBytes());
    }

    @Test
    @DisplayName("4.5: setting evictionHard replaces the default; percentages are of capacity; 0% means none")
    void evictionSettings() throws Exception {
        EvictionConfig c = load(BASE).value().nodePools().get(0).eviction();
        assertEquals(200 * MI, c.hard().quantity(1L << 40));
        String pct = BASE.replace("{memory.available: 200Mi}", "{memory.available: 10%}");
        assertEquals(0.10, load(pct).value().nodePools().get(0).eviction().hard().fraction(), 1e-12);
        String none = BASE.replace("{memory.available: 200Mi}", "{memory.available: 0%}");
        assertNull(load(none).value().nodePools().get(0).eviction().hard());
        String soft = BASE.replace("evictionHard: {memory.available: 200Mi}",
                "evictionSoft: {memory.available: 1Gi}\n        evictionSoftGracePeriod: {memory.available: 1m30s}\n"
                        + "        evictionPressureTransitionPeriod: 2m\n        evictionMaxPodGracePeriod: 20\n"
                        + "        evictionMinimumReclaim: {memory.available: 50Mi}");
        EvictionConfig s = load(soft).value().nodePools().get(0).eviction();
        assertEquals(EvictionConfig.DEFAULT_HARD, s.hard(), "evictionHard not set: the default stays");
        assertEquals(1024 * MI, s.soft().bytes());
        assertEquals(SimTime.seconds(90), s.softGracePeriod());
        assertEquals(SimTime.minutes(2), s.pressureTransitionPeriod());
        assertEquals(20, s.maxPodGracePeriodSeconds());
        assertEquals(50 * MI, s.minimumReclaimBytes());
    }

    @Test
    @DisplayName("disk and PID signals are accepted with a warning and ignored")
    void otherSignalsWarn() throws Exception {
        Loaded<SimulationSpec> l = load(BASE.replace("{memory.available: 200Mi}",
                "{memory.available: 200Mi, nodefs.available: 10%}"));
        assertTrue(l.warnings().stream().anyMatch(w -> w.message().contains("nodefs.available is not simulated")),
                l.warnings().toString());
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("unknown signal", BASE.replace("{memory.available: 200Mi}", "{memory.availabel: 200Mi}"),
                        13, 24, "unknown eviction signal \"memory.availabel\" (expected memory.available, or one of "
                                + "[allocatableMemory.available, containerfs.available, containerfs.inodesFree, "
                                + "imagefs.available, imagefs.inodesFree, nodefs.available, nodefs.inodesFree, pid.available])"),
                Arguments.of("percentage above 100", BASE.replace("200Mi}", "120%}"), 13, 42,
                        "a percentage threshold must be from 0% to 100%, got 120%"),
                Arguments.of("zero quantity", BASE.replace("200Mi}", "0Mi}"), 13, 42,
                        "a threshold quantity must be positive, got 0Mi"),
                Arguments.of("soft without grace", BASE.replace("evictionHard", "evictionSoft"), 13, 23,
                        "a soft threshold needs a grace period: set evictionSoftGracePeriod for memory.available"),
                Arguments.of("unknown kubelet field", BASE.replace("evictionHard", "evictionHrad"), 13, 9,
                        "unknown field \"evictionHrad\" in Kubelet: did you mean \"evictionHard\"?"),
                Arguments.of("capacity below allocatable", BASE.replace("      kubelet:",
                        "      capacity: {memory: 8Gi}\n      kubelet:"), 12, 26,
                        "capacity memory must be at least allocatable memory"),
                Arguments.of("negative growth", BASE.replace("memoryGrowthPerMinute: 10Mi", "memoryGrowthPerMinute: -10Mi"),
                        19, 30, "must not be negative, got -10Mi"),
                Arguments.of("unknown usage field", BASE.replace("memoryGrowthPerMinute", "memoryGrowth"), 19, 7,
                        "unknown field \"memoryGrowth\" in Usage (expected one of cpu, memory, memoryGrowthPerMinute, burst)"),
                Arguments.of("burst longer than its period", BASE + "      burst: {every: 1m, duration: 2m, cpu: 1}\n",
                        20, 36, "a burst cannot last longer than the time between bursts (every: 1m)"),
                Arguments.of("burst with nothing extra", BASE + "      burst: {every: 1m, duration: 10s}\n", 20, 14,
                        "a burst needs extra cpu or memory (or both)"),
                Arguments.of("grace period beyond an int32", BASE.replace("{memory.available: 200Mi}",
                        "{memory.available: 200Mi}\n        evictionMaxPodGracePeriod: 3000000000"), 14, 36,
                        "expected an integer at most 2147483647, got 3000000000"),
                Arguments.of("cpu too large", BASE.replace("cpu: 50m", "cpu: 1e40"), 17, 12,
                        "quantity 1E+40 is too large"),
                Arguments.of("allocatable too large", BASE.replace("allocatable: {cpu: \"4\"", "allocatable: {cpu: 9e20"),
                        11, 26, "quantity 9E+20 is too large"),
                Arguments.of("invalid cpu quantity", BASE.replace("cpu: 50m", "cpu: fifty"), 17, 12,
                        "invalid quantity \"fifty\": "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void badSettingIsOneLocatedError(String name, String text, int line, int column, String message) throws Exception {
        ScenarioInputErrorsTest.assertOneLocatedError(dir, text, line, column, message);
    }
}
