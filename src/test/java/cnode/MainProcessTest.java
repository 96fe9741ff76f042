package cnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user meets it, in a real child process: a bad flag or value stops
 * start-up with one line and exit code 2, a taken port or an unreachable database with exit
 * code 1.
 */
class MainProcessTest {
    @TempDir
    Path data;

    private record Run(int exit, String stderr) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "cnode.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect
            .DISCARD).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("cnode %s ended by itself", String.join(" ", args)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(),
            StandardCharsets.UTF_8).strip();
        return new Run(process.exitValue(), stderr);
    }

    @Test
    void badFlagsStopStartupWithOneLineAndExitTwo() throws Exception {
        String[][] cases = {
            {"node", "--soap-port", "http"},
            {"node", "--soap-port", "70000"},
            {"node", "--task-ttl", "1 day"},
            {"node", "--task-deadline", "0s"},
            {"node", "--mode", "primary"},
            {"node", "--no-such-flag"},
            {"node", "--soap-port"},
            {"node", "--soap-port", "1", "--soap-port", "2"},
            {"node", "--db", "jdbc:sqlite:node.db"},
            {"node", "--db", "postgres://127.0.0.1/cnode?password=x"},
            {"node", "--db", "jdbc:postgresql://127.0.0.1:port/cnode"},
            {"node", "--soap-address", "0.0.0.0"},
            {"node", "--colony", "ftp://127.0.0.1:8900"},
            {"node", "--colony", "http://user:pw@127.0.0.1:8900"},
            {"node", "--p2p-port", "-1"},
            {"node", "-P", "secret-password"},
            {"node", "-U", "alice"},
            {"node", "-U", "", "-P", "x"},
            {"node", "--wallet-policy", "accept-up-to=lots"},
            {"node", "--wallet-policy", "accept-all"},
            {"node", "--accept-incoming", "maybe"},
            {"node", "--personal-data", "/no/such/file.json"},
            {"node", "--lease-ttl", "10ms"},
            {"node", "--write-permission-timeout", "0s"},
            {"node", "--decision-timeout", "soon"},
            {"node", "--rate-limit-per-user", "0"},
            {"node", "--in-flight-max", "-5"},
            {"demo", "--port-offset", "60000"},
            {"fly"},
        };
        for (String[] args : cases) {
            Run run = run(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.stderr().lines().count()).as(run.stderr()).isEqualTo(1);
            assertThat(run.stderr()).startsWith("cnode");
            assertThat(run.stderr()).doesNotContain("secret-password");
        }
    }

    @Test
    void anUnreachableDatabaseStopsStartupWithExitOneAndHidesThePassword() throws Exception {
        Run run = run("node", "--data", data.toString(), "--db",
            "jdbc:postgresql://127.0.0.1:1/cnode?user=shop&password=hunter2&connectTimeout=2");

        assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderr()).contains("could not start").doesNotContain("hunter2");
        assertThat(run.stderr().lines().count()).as(run.stderr()).isEqualTo(1);
    }

    @Test
    void aTakenPortStopsStartupWithExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("node", "--soap-port", Integer.toString(taken.getLocalPort()),
                "--data", data.toString());
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.stderr()).contains("could not start");
        }
    }
}
