package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.AdminPingReply;
import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.HealthReply;
import cnode.colony.client.Outcome;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnode colony} as an operator meets it, in real child processes started from the
 * built classpath: it starts on a free port and logs its URL, writes the admin token 0600 and
 * keeps it across restarts, serves health and the admin ping, stops cleanly on SIGTERM, and
 * refuses bad flags with one line and exit code 2. The admin command line runs as a process
 * too, against the running colony.
 */
class ColonyProcessTest {
    private static final Pattern UP = Pattern.compile("colony up: (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path folder;

    private record Run(int exit, String stdout, String stderr) {}

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "cnode.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(args)).start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("cnode %s ended by itself", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(),
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
            new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    /**
     * A running colony process whose log (standard error) goes to a file, read as it grows. A
     * file rather than a pipe, because {@link Process#destroy()} closes the pipes and the lines
     * written while stopping would be lost.
     */
    private record Running(Process process, Path log, URI url) {
        static Running start(Path data, Path log) throws Exception {
            Process process = new ProcessBuilder(command("colony", "--port", "0", "--data",
                data.toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
            long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadlineNs && process.isAlive()) {
                Matcher up = UP.matcher(Files.readString(log));
                if (up.find()) {
                    return new Running(process, log, URI.create(up.group(1)));
                }
                Thread.sleep(50);
            }
            process.destroyForcibly();
            throw new AssertionError("the colony did not log its URL: " + Files.readString(log));
        }

        /** SIGTERM; returns the whole log once the process has ended. */
        String stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            return Files.readString(log);
        }
    }

    @Test
    void aRealColonyServesKeepsItsTokenAndStopsOnSigterm() throws Exception {
        Path data = folder.resolve("colony");
        Running first = Running.start(data, folder.resolve("first.log"));
        Path tokenFile = data.resolve("admin.token");
        String token;
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
                .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
            token = Files.readString(tokenFile).strip();
            try (ColonyClient client = new ColonyClient(first.url(), ClientLimits.defaults())) {
                assertThat(client.health()).isEqualTo(Outcome.ok(HealthReply.UP));
                assertThat(new ColonyAdmin(client).ping(new BearerToken(token)))
                    .isEqualTo(Outcome.ok(AdminPingReply.OK));
            }
        } finally {
            String log = first.stop();
            assertThat(log).contains("colony stopped").doesNotContain("Exception");
        }
        Running second = Running.start(data, folder.resolve("second.log"));
        try {
            assertThat(Files.readString(tokenFile).strip()).isEqualTo(token);
            try (ColonyClient client = new ColonyClient(second.url(), ClientLimits.defaults())) {
                assertThat(new ColonyAdmin(client).ping(new BearerToken(token)))
                    .isEqualTo(Outcome.ok(AdminPingReply.OK));
            }
            Run check = run("colony", "admin", "--colony", second.url().toString(), "check");
            assertThat(check.exit()).isZero();
            assertThat(check.stdout()).contains("conservation check passed: no coins issued");
            Run lock = run("colony", "admin", "--colony", second.url().toString(),
                "--token-file", tokenFile.toString(), "lock", "alice");
            assertThat(lock.exit()).isEqualTo(1);
            assertThat(lock.stderr()).contains("cnode colony admin lock: refused by the colony:"
                + " 404 UNKNOWN_USER").doesNotContain(token);
        } finally {
            assertThat(second.stop()).contains("colony stopped").doesNotContain(token);
        }
    }

    @Test
    void badFlagsStopStartUpWithOneLineAndExitTwo() throws Exception {
        String data = folder.resolve("never").toString();
        String[][] cases = {
            {"colony", "--port", "http"},
            {"colony", "--port", "70000"},
            {"colony", "--port"},
            {"colony", "--coin-validity", "2y"},
            {"colony", "--coin-validity", "0d"},
            {"colony", "--coin-validity", "36501d"},
            {"colony", "--db", "jdbc:mysql://127.0.0.1/colony"},
            {"colony", "--db", "jdbc:sqlite:/tmp/x.db"},
            {"colony", "--address", "0.0.0.0"},
            {"colony", "--no-such-flag"},
            {"colony", "--data", data, "--data", data},
            {"colony", "--body-bytes-max", "0"},
            {"colony", "--json-depth-max", "1"},
            {"colony", "admin"},
            {"colony", "admin", "fly"},
            {"colony", "admin", "mint", "alice", "0", "PLN"},
            {"colony", "admin", "--colony", "ftp://127.0.0.1", "check"},
        };
        for (String[] args : cases) {
            Run run = run(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.stderr().lines().count()).as(run.stderr()).isEqualTo(1);
            assertThat(run.stderr()).startsWith("cnode");
        }
        assertThat(Path.of(data)).doesNotExist();
    }

    @Test
    void aMissingTokenFileIsExitOneWithoutTouchingTheNetwork() throws Exception {
        Run run = run("colony", "admin", "--colony", "http://127.0.0.1:1", "--token-file",
            folder.resolve("none.token").toString(), "unlock", "alice");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("none.token").contains("does not exist")
            .doesNotContain("no answer");
    }
}
