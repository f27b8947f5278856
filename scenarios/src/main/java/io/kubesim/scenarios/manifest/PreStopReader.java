package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.kubesim.api.SourcePosition;
import io.kubesim.scenarios.Location;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a container's preStop hook and works out how long it runs when the manifest says so:
 * the {@code sleep} action ({@code sleep: {seconds: 5}}), or an exec of {@code sleep N} directly
 * ({@code ["sleep", "5"]}, {@code ["/bin/sleep", "5"]}) or through a shell
 * ({@code ["/bin/sh", "-c", "sleep 5"]}). Any other handler (httpGet, a script) runs for a time
 * only the application knows: its duration is -1 and the scenario's preStopTime applies (the
 * scenario reader warns when it does not set one). A tcpSocket handler is accepted by the API for
 * backward compatibility but never run by the kubelet: it takes no time, with a warning. Each hook
 * keeps where it was declared, for those warnings.
 */
final class PreStopReader {
    /** A number of seconds as coreutils sleep takes it: 5, 0.5, 5s, 2m, 1h. */
    private static final Pattern SLEEP_ARG = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([smhd]?)");
    private static final Pattern SHELL_SLEEP = Pattern.compile("\\s*(?:exec\\s+)?(?:/usr)?(?:/bin/)?sleep\\s+(\\S+)\\s*;?\\s*");
    private static final List<String> SHELLS = List.of("sh", "/bin/sh", "bash", "/bin/bash", "/usr/bin/bash",
            "/bin/ash", "ash", "/bin/dash", "dash");

    private PreStopReader() {
    }

    static io.kubesim.api.LifecycleHandler read(ObjectContext ctx, String pointer, Lifecycle lifecycle) {
        if (lifecycle == null || lifecycle.getPreStop() == null) {
            return null;
        }
        LifecycleHandler h = lifecycle.getPreStop();
        String p = pointer + "/preStop";
        Location at = ctx.keyLocation(p);
        SourcePosition position = new SourcePosition(at.file(), at.line(), at.column());
        if (h.getSleep() != null) {
            Long seconds = h.getSleep().getSeconds();
            if (seconds == null || seconds < 0) {
                throw ctx.error(p + "/sleep/seconds", "sleep seconds must be a non-negative integer");
            }
            return new io.kubesim.api.LifecycleHandler("sleep " + seconds + "s", seconds * 1000, position);
        }
        if (h.getExec() != null) {
            List<String> cmd = h.getExec().getCommand() == null ? List.of() : h.getExec().getCommand();
            return new io.kubesim.api.LifecycleHandler("exec " + cmd, execSleepMillis(cmd), position);
        }
        if (h.getHttpGet() != null) {
            String path = h.getHttpGet().getPath() == null ? "" : h.getHttpGet().getPath();
            return new io.kubesim.api.LifecycleHandler("httpGet " + path, -1, position);
        }
        if (h.getTcpSocket() != null) {
            // handlers.go: the kubelet's handler runner has no tcpSocket case; the hook fails at once
            ctx.warn(p + "/tcpSocket", "a tcpSocket preStop hook is never run by the kubelet (the API keeps it only "
                    + "for backward compatibility): it takes no time; use exec, httpGet or sleep");
            return new io.kubesim.api.LifecycleHandler("tcpSocket", 0, position);
        }
        throw ctx.error(p, "a preStop hook must specify a handler: exec, httpGet, sleep or tcpSocket");
    }

    /** Milliseconds of an exec that only sleeps, or -1. */
    static long execSleepMillis(List<String> cmd) {
        if (cmd.size() == 2 && isSleep(cmd.get(0))) {
            return sleepArgMillis(cmd.get(1));
        }
        if (cmd.size() == 3 && SHELLS.contains(cmd.get(0)) && cmd.get(1).equals("-c")) {
            Matcher m = SHELL_SLEEP.matcher(cmd.get(2));
            if (m.matches()) {
                return sleepArgMillis(m.group(1));
            }
        }
        return -1;
    }

    private static boolean isSleep(String program) {
        return program.equals("sleep") || program.equals("/bin/sleep") || program.equals("/usr/bin/sleep");
    }

    private static long sleepArgMillis(String arg) {
        Matcher m = SLEEP_ARG.matcher(arg);
        if (!m.matches()) {
            return -1;
        }
        BigDecimal seconds = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1)
                : m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        long unit = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
        return seconds.multiply(BigDecimal.valueOf(unit * 1000)).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }
}
