package cnode.colony.server;

import static cnode.colony.server.ColonyProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.colony.server.ColonyProcess.Run;
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
import java.nio.file.Path;
import java.util.List;
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
    private static final long VALIDITY_MS = 2 * 86_400_000L;

    @TempDir
    Path folder;

    private static ColonyStore sqlite(Path data) {
        return ColonyStores.sqlite(data.resolve("colony.db"));
    }

    @Test
    void theAdminMintsThroughARealColonyOnce() throws Exception {
        Path data = folder.resolve("colony");
        try (ColonyStore store = sqlite(data)) {
            BankRig.seed(store, BankRig.keys(), System.currentTimeMillis());
        }
        ColonyProcess colony = ColonyProcess.start(data, folder.resolve("first.log"),
            "--coin-validity", "2d");
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
        ColonyProcess again = ColonyProcess.start(data, folder.resolve("second.log"),
            "--coin-validity", "2d");
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
