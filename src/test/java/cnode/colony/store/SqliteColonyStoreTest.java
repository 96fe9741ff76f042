package cnode.colony.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.cli.ColonyConfig;
import cnode.colony.DirectoryChanges;
import cnode.colony.RegistryChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the SQLite store does: its place in the data folder (made private when missing), a
 * clear refusal of a file that is not a database and of a second colony on the file, and the
 * WAL journal the file keeps.
 */
final class SqliteColonyStoreTest {
    @TempDir
    Path folder;

    private static DirectoryChanges oneUser() {
        return new DirectoryChanges(List.of(ColonyStoreContract.plainUser("anna")), List.of(),
            List.of(), List.of(), List.of(), List.of());
    }

    private static RegistryChanges nothing() {
        return new RegistryChanges(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void theConfiguredStoreIsColonyDbInANewPrivateDataFolder() throws Exception {
        Path data = folder.resolve("new/colony");
        ColonyConfig config = ColonyConfig.parse(List.of("--data", data.toString()));

        try (ColonyStore store = ColonyStores.open(config)) {
            store.commit(oneUser(), nothing());
            assertThat(((JdbcColonyStore) store).location()).isEqualTo(
                config.sqliteFile().toString());
        }

        assertThat(Files.isRegularFile(data.resolve("colony.db"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
            .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
            Files.getPosixFilePermissions(data.resolve("colony.db"))))
            .as("the store holds password hashes and key blobs").isEqualTo("rw-------");
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + config.sqliteFile());
             Statement sql = plain.createStatement();
             ResultSet mode = sql.executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAtOnce() throws Exception {
        Path file = folder.resolve("colony.db");
        Files.writeString(file, "these are not the pages of a database, ".repeat(200));
        long startMs = System.currentTimeMillis();

        assertThatThrownBy(() -> ColonyStores.sqlite(file))
            .isInstanceOf(ColonyStoreFailure.class)
            .hasMessageContaining(file.toString());

        assertThat(System.currentTimeMillis() - startMs).isLessThan(5_000);
    }

    @Test
    void aSecondColonyOnTheFileIsToldAnotherColonyUsesItUntilTheFirstCloses() {
        Path file = folder.resolve("colony.db");
        try (JdbcColonyStore first = ColonyStores.sqlite(file)) {
            assertThatThrownBy(() -> ColonyStores.sqlite(file))
                .isInstanceOf(ColonyStoreFailure.class)
                .hasMessage("the colony store " + file + " is in use by another colony (one"
                    + " colony per data folder)");

            first.commit(oneUser(), nothing());
            assertThat(first.load().directory().users()).hasSize(1);
        }
        try (JdbcColonyStore second = ColonyStores.sqlite(file)) {
            assertThat(second.load().directory().users()).hasSize(1);
        }
    }
}
