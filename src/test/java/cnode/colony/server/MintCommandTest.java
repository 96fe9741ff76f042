package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.client.AdminCommandLine;
import cnode.colony.client.ClientLimits;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnode colony admin mint} end to end, in-process against a real colony: it mints and
 * says so in one line with its transfer id (exit 0); the same {@code --transfer-id} again
 * mints nothing more; the colony's refusals exit 1 with their line; bad arguments exit 2
 * before any connection; a colony that never answers is tried three times under one transfer
 * id, and the line names that id so the operator can repeat the mint safely.
 */
class MintCommandTest {
    private static final Pattern MINTED = Pattern.compile(
        "minted (\\d+) billons (\\w+) to ([a-z.]+) in (\\d+) coins \\(transfer ([\\w.:-]+)\\)");

    @TempDir
    Path folder;

    private record Run(int exit, String out, String err) {}

    private static Run run(ClientLimits limits, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCommandLine.run(List.of(args), new PrintStream(out, true,
            StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), limits);
        return new Run(exit, out.toString(StandardCharsets.UTF_8).strip(),
            err.toString(StandardCharsets.UTF_8).strip());
    }

    private static String[] with(BankRig rig, String... command) {
        List<String> args = new ArrayList<>(List.of("--colony", rig.url().toString(),
            "--token-file", rig.colony().adminTokenFile().toString()));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    @Test
    void mintWorksEndToEndAndARepeatedTransferIdMintsOnce() throws Exception {
        try (BankRig rig = BankRig.start(folder.resolve("colony"))) {
            Run plain = run(ClientLimits.defaults(), with(rig, "mint", "alice", "12000", "PLN"));
            assertThat(plain.exit()).as(plain.err()).isZero();
            assertThat(plain.err()).isEmpty();
            Matcher line = MINTED.matcher(plain.out());
            assertThat(line.matches()).as(plain.out()).isTrue();
            assertThat(line.group(1) + " " + line.group(2) + " " + line.group(3) + " "
                + line.group(4)).isEqualTo("12000 PLN alice 2");
            assertThat(line.group(5)).matches("[0-9A-Z]{26}");
            String[] repeat = with(rig, "mint", "bruno", "5000", "PLN", "--curve",
                "ZLOTY_ISSUANCE_CURVE", "--transfer-id", "cli-mint-1");
            Run first = run(ClientLimits.defaults(), repeat);
            Run second = run(ClientLimits.defaults(), repeat);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(second).isEqualTo(first);
            assertThat(first.out()).startsWith("minted 5000 billons PLN to bruno in ")
                .endsWith("(transfer cli-mint-1)");
            assertThat(rig.restartAndCheck().livePln()).isEqualTo(2_000 + 12_000 + 5_000);
            String[][] refused = {
                {"mint", "nobody-here", "5", "PLN"}, {"mint", "alice", "5", "XYZ"},
                {"mint", "erin", "10001", "PLN"},
                {"mint", "carol", "6", "PLN", "--transfer-id", "cli-mint-1"},
            };
            String[] names = {"404 UNKNOWN_USER", "422 UNKNOWN_CURRENCY",
                "422 BALANCE_CAP_EXCEEDED", "409 TRANSFER_ID_REUSED"};
            for (int i = 0; i < refused.length; i++) {
                Run run = run(ClientLimits.defaults(), with(rig, refused[i]));
                assertThat(run.exit()).as(run.err()).isEqualTo(1);
                assertThat(run.out()).isEmpty();
                assertThat(run.err()).startsWith("cnode colony admin mint: refused by the colony: "
                    + names[i] + ": ").doesNotContain(rig.token().value());
            }
            for (String[] usage : new String[][] {
                {"mint", "alice", "5", "PLN", "--transfer-id", "has space"},
                {"mint", "alice", "5", "PLN", "--transfer-id", "x".repeat(65)},
                {"mint", "alice", "5", "PLN", "--transfer-id="}}) {
                Run run = run(ClientLimits.defaults(), with(rig, usage));
                assertThat(run.exit()).as(String.join(" ", usage)).isEqualTo(2);
                assertThat(run.err()).contains("--transfer-id");
            }
            assertThat(rig.restartAndCheck().livePln()).isEqualTo(2_000 + 12_000 + 5_000);
        }
    }

    @Test
    void aSilentColonyIsTriedThreeTimesUnderOneTransferId() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> swallow(silent, bodies));
            Path token = java.nio.file.Files.writeString(folder.resolve("admin.token"),
                "A".repeat(43) + "\n");
            Run run = run(new ClientLimits(2_000, 2_000, 1_024 * 1_024), "--colony",
                "http://127.0.0.1:" + silent.getLocalPort(), "--token-file", token.toString(),
                "mint", "alice", "5", "PLN");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(bodies).hasSize(3);
            assertThat(bodies.get(0)).contains("\"transferId\":\"");
            assertThat(bodies).containsOnly(bodies.get(0));
            String transferId = bodies.get(0).replaceAll(".*\"transferId\":\"([^\"]+)\".*", "$1");
            assertThat(run.err()).startsWith("cnode colony admin mint: no answer from the colony")
                .endsWith("repeat with --transfer-id " + transferId);
        }
    }

    /** Reads each request's body, then drops the connection without an answer. */
    private static void swallow(ServerSocket server, List<String> bodies) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.append((char) b);
                }
                Matcher length = Pattern.compile("content-length: *(\\d+)")
                    .matcher(head.toString().toLowerCase(Locale.ROOT));
                int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
                bodies.add(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            } catch (java.io.IOException closed) {
                return;
            }
        }
    }
}
