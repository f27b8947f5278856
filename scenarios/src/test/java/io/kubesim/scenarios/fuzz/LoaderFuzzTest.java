package io.kubesim.scenarios.fuzz;

import io.kubesim.scenarios.Durations;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Quantities;
import io.kubesim.scenarios.manifest.ManifestFiles;
import io.kubesim.scenarios.manifest.ManifestLoader;
import io.kubesim.scenarios.manifest.ManifestSource;
import io.kubesim.scenarios.scenario.ScenarioReader;
import io.kubesim.scenarios.traffic.TraceLayout;
import io.kubesim.scenarios.traffic.TraceOptions;
import io.kubesim.scenarios.traffic.TraceReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the input readers with mutants of real files (docs/limits.md): whatever the input, a
 * reader either reads it or throws the documented user error, {@link InputException} (for the
 * duration and quantity parsers, IllegalArgumentException with the message the loaders wrap).
 * Anything else (a NullPointerException, an index out of bounds, a ClassCastException) fails the
 * property, and jqwik shrinks the input to a small one that shows it.
 *
 * <p>{@code mvn verify} runs a short round (junit-platform.properties: {@code jqwik.tries.default});
 * a longer one: {@code mvn -pl scenarios test -Dtest=LoaderFuzzTest -Djqwik.tries.default=20000}.
 */
class LoaderFuzzTest {
    private static final Path LIBRARY = Path.of("../library").toAbsolutePath().normalize();

    private static List<Path> files(Path dir, String glob) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> manifests() {
        return Arbitraries.of(files(LIBRARY.resolve("manifests"), "*.yaml")).flatMap(p -> Mutations.of(Mutations.read(p)));
    }

    @Provide
    Arbitrary<byte[]> manifestBytes() {
        return Arbitraries.of(files(LIBRARY.resolve("manifests"), "*.yaml")).flatMap(p -> Mutations.bytesOf(Mutations.read(p)));
    }

    @Provide
    Arbitrary<String> scenarios() {
        try (Stream<Path> s = Files.list(LIBRARY)) {
            return Arbitraries.of(s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList())
                    .flatMap(p -> Mutations.of(Mutations.read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property
    void manifestLoaderReadsOrRefuses(@ForAll("manifests") String text) {
        try {
            new ManifestLoader().loadText("m.yaml", text);
        } catch (InputException expected) {
            // the documented user error
        }
    }

    @Property
    void manifestBytesReadOrRefused(@ForAll("manifestBytes") byte[] bytes) {
        try {
            ManifestSource s = ManifestFiles.readStdin(new ByteArrayInputStream(bytes));
            new ManifestLoader().loadSources(List.of(s));
        } catch (InputException expected) {
            // the documented user error
        }
    }

    @Property
    void scenarioReaderReadsOrRefuses(@ForAll("scenarios") String text) {
        try {
            ScenarioReader.read(new ManifestSource("s.yaml", text), LIBRARY);
        } catch (InputException expected) {
            // the documented user error
        }
    }

    @Provide
    Arbitrary<String> traces() {
        String rates = "time,rps\n0,10\n1,12.5\n2,0\n3,1e3\n";
        String stamps = "TIMESTAMP,ContextTokens\n2023-11-16 18:15:46.6805900,374\n2023-11-16 18:15:50.9951690,396\n";
        return Arbitraries.of(rates, stamps).flatMap(Mutations::of);
    }

    @Property
    void traceReaderReadsOrRefuses(@ForAll("traces") String text, @ForAll("layouts") TraceLayout layout)
            throws IOException {
        Path f = Files.createTempFile("fuzz-", ".csv");
        try {
            Files.writeString(f, text, StandardCharsets.UTF_8);
            TraceReader.read(f, "t.csv", TraceOptions.of(layout), true,
                    (option, message) -> new InputException(io.kubesim.scenarios.Location.ofFile("s.yaml"), message));
        } catch (InputException expected) {
            // the documented user error
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Provide
    Arbitrary<TraceLayout> layouts() {
        return Arbitraries.of(TraceLayout.values());
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789.+-eEinumkKMGTPhsµ ").ofMaxLength(24),
                Arbitraries.strings().ofMaxLength(24));
    }

    @Property
    void durationsParseOrRefuse(@ForAll("tokens") String text) {
        try {
            Durations.parseMicros(text);
        } catch (IllegalArgumentException expected) {
            // what ScenarioNode.duration() turns into a located InputException
        }
    }

    @Property
    void quantitiesParseOrRefuse(@ForAll("tokens") String text) {
        try {
            Quantities.milliValue(Quantities.parse(text));
        } catch (IllegalArgumentException expected) {
            // what the readers turn into a located InputException
        }
    }
}
