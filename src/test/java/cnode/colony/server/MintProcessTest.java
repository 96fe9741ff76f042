package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.CoinRow;
import cnode.colony.ConservationReport;
import cnode.colony.Directory;
import cnode.colony.DirectoryConfig;
import cnode.colony.DirectoryRandom;
import cnode.colony.Registry;
import cnode.colony.RegistryConfig;
import cnode.colony.client.ClientLimits;
import cnode.colony.client.CoinReply;
import cnode.colony.client.ColonyBank;
import cnode.colony.client.ColonyClient;
import cnode.colony.store.ColonyRows;
import cnode.colony.store.ColonyStore;
import cnode.colony.store.ColonyStores;
import cnode.crypto.PublicKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank as an operator meets it: a real {@code cnode colony} process on SQLite (its users
 * written into the store beforehand), and {@code cnode colony admin mint} run as a process
 * against it. The mint exits 0 with its line; the same command again mints nothing more; the
 * coins are in the SQLite file with the configured validity and conservation holds; after a
 * restart the colony serves the same bank key and each coin verifies with it.
 */
class MintProcessTest {
    private static final Pattern UP = Pattern.compile("colony up: (http://127\\.0\\.0\\.1:\\d+)");
    private static final long VALIDITY_MS = 2 * 86_400_000L;

    @TempDir
    Path folder;

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), "cnode.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private record Run(int exit, String out, String err) {}

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

    /** A colony process whose log goes to a file; its URL read from the log. */
    private record Running(Process process, Path log, URI url) {
        static Running start(Path data, Path log) throws Exception {
            Process process = new ProcessBuilder(command("colony", "--port", "0", "--data",
                data.toString(), "--coin-validity", "2d"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
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

        String stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            return Files.readString(log);
        }
    }

    private static ColonyStore sqlite(Path data) {
        return ColonyStores.sqlite(data.resolve("colony.db"));
    }

    @Test
    void theAdminMintsThroughARealColonyOnce() throws Exception {
        Path data = folder.resolve("colony");
        try (ColonyStore store = sqlite(data)) {
            BankRig.seed(store, BankRig.keys(), System.currentTimeMillis());
        }
        Running colony = Running.start(data, folder.resolve("first.log"));
        String[] mint = {"colony", "admin", "--colony", colony.url().toString(), "--token-file",
            data.resolve("admin.token").toString(), "mint", "alice", "12000", "PLN", "--curve",
            "ZLOTY_ISSUANCE_CURVE", "--transfer-id", "proc-mint-1"};
        try {
            Run first = run(mint);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).matches("minted 12000 billons PLN to alice in \\d+ coins"
                + " \\(transfer proc-mint-1\\)");
            assertThat(run(mint)).isEqualTo(first);
            Run unknown = run("colony", "admin", "--colony", colony.url().toString(),
                "--token-file", data.resolve("admin.token").toString(), "mint", "nobody",
                "5", "PLN");
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).contains("404 UNKNOWN_USER");
        } finally {
            assertThat(colony.stop()).contains("colony stopped").doesNotContain("Exception");
        }
        List<CoinRow> minted;
        try (ColonyStore store = sqlite(data)) {
            ColonyRows rows = store.load();
            Registry registry = Registry.restore(RegistryConfig.defaults(), Directory.restore(
                DirectoryConfig.defaults(), DirectoryRandom.secure(), rows.directory()),
                rows.registry());
            ConservationReport report = registry.check();
            assertThat(report.violations()).isEmpty();
            minted = rows.registry().coins().stream()
                .filter(row -> !BankRig.RESERVED.contains(row.id())).toList();
        }
        assertThat(minted).allSatisfy(row -> {
            assertThat(row.owner()).isEqualTo("alice");
            assertThat(row.coin().expiresAtMs() - row.coin().issuedAtMs()).isEqualTo(VALIDITY_MS);
        });
        assertThat(minted.stream().mapToLong(CoinRow::faceValue).sum()).isEqualTo(12_000);
        Running again = Running.start(data, folder.resolve("second.log"));
        try (ColonyClient client = new ColonyClient(again.url(), ClientLimits.defaults())) {
            ColonyBank bank = new ColonyBank(client);
            PublicKey key = BankRig.ok(bank.key()).key().orElseThrow();
            for (CoinRow row : minted) {
                CoinReply coin = BankRig.ok(bank.coin(row.id()));
                assertThat(coin.signedCoin().orElseThrow().coin()).isEqualTo(row.coin());
                assertThat(coin.signedCoin().orElseThrow().verifiedBy(key)).isTrue();
            }
        } finally {
            assertThat(again.stop()).contains("colony stopped");
        }
    }
}
