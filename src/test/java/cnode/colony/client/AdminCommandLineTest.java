package cnode.colony.client;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.ColonyAdmin.UserLimits;
import cnode.colony.server.EdgeRig;
import cnode.colony.server.EdgeRig.Member;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnode colony admin} in-process: usage errors exit 2 before any connection is made,
 * a missing token file exits 1, an unreachable colony exits 1; lock, unlock, limits, check and
 * users end to end against a real colony (its token file, its state checked afterwards); and,
 * against a stand-in, the two answers a real colony cannot be made to give (a failed check,
 * a user list of two pages).
 */
class AdminCommandLineTest {
    @TempDir
    Path folder;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCommandLine.run(List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ClientLimits(2_000, 5_000, 1_048_576));
        return new Run(exit, out.toString(StandardCharsets.UTF_8).strip(),
            err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndNoConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String colony = "http://127.0.0.1:" + listener.getLocalPort();
            String[][] cases = {
                {},
                {"fly"},
                {"mint"},
                {"mint", "alice", "100"},
                {"mint", "alice", "100", "PLN", "extra"},
                {"mint", "alice", "0", "PLN"},
                {"mint", "alice", "-5", "PLN"},
                {"mint", "alice", "1.5", "PLN"},
                {"mint", "alice", "9223372036854775808", "PLN"},
                {"mint", "alice", "100", "pln"},
                {"mint", "alice", "100", "PLNX"},
                {"mint", "alice", "100", "PLN", "--curve", "FLAT_CURVE"},
                {"mint", "alice", "100", "PLN", "--curve"},
                {"mint", "Alice", "100", "PLN"},
                {"mint", "bob", "100", "PLN"},
                {"mint", "1alice", "100", "PLN"},
                {"lock"},
                {"lock", "alice", "bob"},
                {"unlock", "a b"},
                {"limits", "alice", "--daily-in", "-1"},
                {"limits", "alice", "--daily-in", "1e6"},
                {"limits", "alice", "--per-transfer", "1", "--per-transfer", "2"},
                {"limits", "alice", "--curve", "DEFAULT_ISSUANCE_CURVE"},
                {"check", "now"},
                {"users", "--per-transfer", "5"},
                {"check", "--colony", "ftp://127.0.0.1"},
                {"check", "--colony", "http://user:pw@127.0.0.1"},
                {"check", "--colony", "not a url"},
                {"check", "--verbose"},
            };
            for (String[] c : cases) {
                List<String> args = new ArrayList<>(List.of("--colony", colony));
                args.addAll(List.of(c));
                if (c.length > 2 && c[c.length - 2].equals("--colony")) {
                    args = List.of(c);
                }
                Run run = run(args.toArray(String[]::new));
                assertThat(run.exit()).as(String.join(" ", c)).isEqualTo(2);
                assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
                assertThat(run.err()).startsWith("cnode colony admin");
                assertThat(run.out()).isEmpty();
            }
            listener.setSoTimeout(200);
            boolean connected;
            try (Socket socket = listener.accept()) {
                connected = socket.isConnected();
            } catch (SocketTimeoutException none) {
                connected = false;
            }
            assertThat(connected).as("a usage error never connects").isFalse();
        }
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        Run run = run("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("mint USER BILLONS CURRENCY").contains("users");
    }

    @Test
    void aMissingOrBrokenTokenFileExitsOneNamingTheFile() throws Exception {
        Path missing = folder.resolve("nothing.token");
        for (String[] c : new String[][] {{"lock", "alice"}, {"unlock", "alice"},
            {"mint", "alice", "5", "PLN"}, {"limits", "alice"}}) {
            List<String> args = new ArrayList<>(List.of("--colony", "http://127.0.0.1:1",
                "--token-file", missing.toString()));
            args.addAll(List.of(c));
            Run run = run(args.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", c)).isEqualTo(1);
            assertThat(run.err()).contains(missing.toString()).contains("does not exist");
        }
        Path empty = Files.writeString(folder.resolve("empty.token"), "\n");
        Run blank = run("--colony", "http://127.0.0.1:1", "--token-file", empty.toString(),
            "lock", "alice");
        assertThat(blank.exit()).isEqualTo(1);
        assertThat(blank.err()).contains("does not hold a token");
        Run directory = run("--colony", "http://127.0.0.1:1", "--token-file",
            folder.toString(), "lock", "alice");
        assertThat(directory.exit()).isEqualTo(1);
        assertThat(directory.err()).contains("cannot read the admin token file");
    }

    @Test
    void anUnreachableColonyExitsOne() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Run run = run("--colony", "http://127.0.0.1:" + port, "check");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("cnode colony admin check: no answer from the colony");
    }

    @Test
    void lockUnlockAndLimitsChangeARealColony() throws Exception {
        try (EdgeRig rig = EdgeRig.start(folder.resolve("colony"), 31)) {
            Member alice = rig.member("alice");
            String[] base = {"--colony", rig.harness().url().toString(), "--token-file",
                rig.harness().colony().adminTokenFile().toString()};
            assertThat(run(concat(base, "lock", "alice"))).isEqualTo(new Run(0, "alice is locked",
                ""));
            EdgeRig.refusedAs(rig.users.login("alice", alice.password()), 403, "USER_LOCKED");
            assertThat(run(concat(base, "lock", "alice")).exit()).as("locking twice").isZero();
            assertThat(run(concat(base, "unlock", "alice"))).isEqualTo(new Run(0,
                "alice is unlocked", ""));
            EdgeRig.ok(rig.users.login("alice", alice.password()));

            Run limits = run(concat(base, "limits", "alice", "--per-transfer", "5",
                "--daily-out=none", "--balance-cap", "9000"));
            assertThat(limits).isEqualTo(new Run(0, "alice limits (billons): per transfer 5,"
                + " daily out none, daily in none, balance cap 9000", ""));
            Run kept = run(concat(base, "limits", "alice", "--daily-in", "77"));
            assertThat(kept.out()).isEqualTo("alice limits (billons): per transfer 5, daily out"
                + " none, daily in 77, balance cap 9000");
            assertThat(EdgeRig.ok(rig.admin.users("", 10)).users().getFirst().limits())
                .isEqualTo(new UserLimits(5, Long.MAX_VALUE, 77, 9000));

            Run unknown = run(concat(base, "lock", "nobody"));
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).startsWith("cnode colony admin lock: refused by the colony:"
                + " 404 UNKNOWN_USER: ").doesNotContain(rig.harness().token());
            Path wrong = Files.writeString(folder.resolve("wrong.token"), "A".repeat(43));
            Run forged = run("--colony", rig.harness().url().toString(), "--token-file",
                wrong.toString(), "unlock", "alice");
            assertThat(forged.exit()).isEqualTo(1);
            assertThat(forged.err()).contains("403 ADMIN_TOKEN_INVALID");
        }
    }

    @Test
    void checkAndUsersReportARealColonyWithoutAToken() throws Exception {
        try (EdgeRig rig = EdgeRig.start(folder.resolve("colony"), 32)) {
            rig.member("alice");
            rig.member("bob.b");
            rig.mint("alice", 2_000_000);
            String[] base = {"--colony", rig.harness().url().toString(), "--token-file",
                folder.resolve("absent.token").toString()};
            assertThat(run(concat(base, "check"))).isEqualTo(new Run(0, "conservation check"
                + " passed: PLN colour 0: issued 2000000, redeemed 0, live 2000000", ""));
            assertThat(run(concat(base, "users"))).isEqualTo(new Run(0, "alice user unlocked"
                + " PLN wallet 2000000 vault 0\nbob.b user unlocked no money\n2 user(s)", ""));
        }
    }

    /**
     * A stand-in colony for what a real one cannot be made to answer: a failed conservation
     * check (a colony whose rows break conservation refuses to start) and a user list longer
     * than one page. It answers each path with a fixed JSON body and records the queries.
     */
    private static HttpServer standIn(List<String> queries, String check, String... pages)
        throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(
            InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            queries.add(path + "?" + exchange.getRequestURI().getRawQuery());
            String body = path.equals("/v1/admin/check") ? check
                : pages[Math.min(pages.length - 1, (int) queries.stream()
                    .filter(q -> q.startsWith("/v1/admin/users")).count() - 1)];
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void aFailedCheckExitsOneWithItsFindingsAndUsersFollowEveryPage() throws Exception {
        List<String> queries = new CopyOnWriteArrayList<>();
        String none = "{\"perTransfer\":9223372036854775807,\"dailyOut\":9223372036854775807,"
            + "\"dailyIn\":9223372036854775807,\"balanceCap\":9223372036854775807}";
        HttpServer server = standIn(queries,
            "{\"passed\":false,\"totals\":[],\"findings\":[\"coin X has two owners\","
                + "\"PLN live 3999 is not issued 5000 minus redeemed 1000\"]}",
            "{\"users\":[{\"username\":\"alice\",\"merchant\":false,\"locked\":false,"
                + "\"limits\":" + none + ",\"balances\":[{\"currency\":\"PLN\","
                + "\"wallet\":2000000,\"vault\":0}]}],\"next\":\"alice\"}",
            "{\"users\":[{\"username\":\"shop\",\"merchant\":true,\"locked\":true,"
                + "\"limits\":" + none + ",\"balances\":[]}]}");
        try {
            String[] base = {"--colony", "http://127.0.0.1:" + server.getAddress().getPort()};
            Run failed = run(concat(base, "check"));
            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.err()).isEqualTo("cnode colony admin check: conservation check"
                + " FAILED: coin X has two owners\n  PLN live 3999 is not issued 5000 minus"
                + " redeemed 1000");
            queries.clear();
            Run users = run(concat(base, "users"));
            assertThat(users.exit()).isZero();
            assertThat(users.out()).isEqualTo("alice user unlocked PLN wallet 2000000 vault 0\n"
                + "shop merchant LOCKED no money\n2 user(s)");
            assertThat(queries).containsExactly("/v1/admin/users?limit=1000",
                "/v1/admin/users?limit=1000&after=alice");
        } finally {
            server.stop(0);
        }
    }

    private static String[] concat(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
