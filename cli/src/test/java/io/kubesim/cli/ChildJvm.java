package io.kubesim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the CLI, or another main class of the test classpath, in a JVM of its own: for what one
 * JVM cannot show (iteration orders salted per process, a small heap, a signal).
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java JVM_OPTIONS -cp TEST_CLASSPATH MAIN ARGS...}, stdout and stderr together into {@code log}. */
    static Process start(List<String> jvmOptions, Class<?> main, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The kubesim command line {@code args} in a child JVM. */
    static Process kubesim(List<String> jvmOptions, Path log, String... args) throws IOException {
        return start(jvmOptions, Main.class, log, List.of(args));
    }
}
