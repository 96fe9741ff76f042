package cnode.colony.server;

import static cnode.colony.server.ColonyProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.server.ColonyProcess.Run;
import cnode.colony.client.AdminPingReply;
import cnode.colony.client.BearerToken;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.ColonyAdmin;
import cnode.colony.client.ColonyClient;
import cnode.colony.client.HealthReply;
import cnode.colony.client.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    @TempDir
    Path folder;

    @Test
    void aRealColonyServesKeepsItsTokenAndStopsOnSigterm() throws Exception {
        Path data = folder.resolve("colony");
        ColonyProcess first = ColonyProcess.start(data, folder.resolve("first.log"));
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
        ColonyProcess second = ColonyProcess.start(data, folder.resolve("second.log"));
        try {
            assertThat(Files.readString(tokenFile).strip()).isEqualTo(token);
            try (ColonyClient client = new ColonyClient(second.url(), ClientLimits.defaults())) {
                assertThat(new ColonyAdmin(client).ping(new BearerToken(token)))
                    .isEqualTo(Outcome.ok(AdminPingReply.OK));
            }
            Run check = run("colony", "admin", "--colony", second.url().toString(), "check");
            assertThat(check.exit()).isZero();
            assertThat(check.out()).contains("conservation check passed: no coins issued");
            Run lock = run("colony", "admin", "--colony", second.url().toString(),
                "--token-file", tokenFile.toString(), "lock", "alice");
            assertThat(lock.exit()).isEqualTo(1);
            assertThat(lock.err()).contains("cnode colony admin lock: refused by the colony:"
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
            assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("cnode");
        }
        assertThat(Path.of(data)).doesNotExist();
    }

    @Test
    void aMissingTokenFileIsExitOneWithoutTouchingTheNetwork() throws Exception {
        Run run = run("colony", "admin", "--colony", "http://127.0.0.1:1", "--token-file",
            folder.resolve("none.token").toString(), "unlock", "alice");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("none.token").contains("does not exist")
            .doesNotContain("no answer");
    }
}
