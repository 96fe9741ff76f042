package cnode.colony.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.cli.ColonyConfig;
import cnode.colony.DirectoryChanges;
import cnode.colony.RegistryChanges;
import cnode.colony.UserRow;
import cnode.store.PostgresLocation;
import cnode.store.PostgresTaskStore;
import cnode.store.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the PostgreSQL store does: its tables in schema {@code colony} (or the URL's
 * {@code currentSchema}), beside a node's in the same database or even the same schema, each
 * with a Flyway history of its own; and a session that the server ends is replaced. One fresh
 * database per test, created on first use.
 */
final class PostgresColonyStoreTest {
    private static final List<PostgresTestDatabase> DATABASES = new ArrayList<>();

    @TempDir
    Path folder;

    @AfterAll
    static void dropDatabases() throws Exception {
        for (PostgresTestDatabase database : DATABASES) {
            database.close();
        }
        DATABASES.clear();
    }

    private static PostgresTestDatabase database() {
        PostgresTestDatabase database = PostgresTestDatabase.create("colonypg");
        DATABASES.add(database);
        return database;
    }

    private static DirectoryChanges users(String... names) {
        List<UserRow> rows = Arrays.stream(names).map(ColonyStoreContract::plainUser)
            .toList();
        return new DirectoryChanges(rows, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static RegistryChanges nothing() {
        return new RegistryChanges(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), List.of());
    }

    private static List<String> tables(String url, String schema) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT table_name FROM information_schema.tables"
                 + " WHERE table_schema = '" + schema + "' ORDER BY table_name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Test
    void theColonyAndANodeShareADatabaseInSchemasOfTheirOwn() throws Exception {
        PostgresTestDatabase database = database();
        ColonyConfig config = ColonyConfig.parse(List.of("--data", folder.toString(),
            "--db", database.url()));
        new PostgresTaskStore(database.location(), 16, 16).close();

        try (ColonyStore store = ColonyStores.open(config)) {
            store.commit(users("anna"), nothing());
            assertThat(((JdbcColonyStore) store).location()).endsWith("(schema colony)")
                .doesNotContain("password=cnode_test");
        }

        assertThat(tables(database.url(), "colony")).contains("colony_schema_history",
            "directory_user", "registry_coin", "registry_swap").doesNotContain("task");
        assertThat(tables(database.url(), "node")).contains("flyway_schema_history", "task")
            .doesNotContain("registry_coin");
        try (JdbcColonyStore again = ColonyStores.postgres(config.postgres())) {
            assertThat(again.load().directory().users()).hasSize(1);
        }
    }

    @Test
    void theUrlsCurrentSchemaHoldsTheColonyEvenBesideANodesTables() throws Exception {
        PostgresTestDatabase database = database();
        PostgresLocation shared = PostgresLocation.parse(database.url() + "&currentSchema=shop");
        new PostgresTaskStore(shared, 16, 16).close();

        try (JdbcColonyStore store = ColonyStores.postgres(shared)) {
            store.commit(users("anna", "bert"), nothing());
            assertThat(store.load().directory().users()).hasSize(2);
        }

        assertThat(ColonyStores.schema(shared)).isEqualTo("shop");
        assertThat(tables(database.url(), "shop")).contains("colony_schema_history",
            "flyway_schema_history", "task", "registry_coin");
        assertThat(tables(database.url(), "colony")).isEmpty();
    }

    @Test
    void aSessionTheServerEndsFailsOneCommitAndIsReplaced() throws Exception {
        PostgresTestDatabase database = database();
        try (JdbcColonyStore store = ColonyStores.postgres(database.location())) {
            store.commit(users("anna"), nothing());

            database.endConnections();

            assertThatThrownBy(() -> store.commit(users("bert"), nothing()))
                .isInstanceOf(ColonyStoreFailure.class);
            assertThat(store.load().directory().users()).extracting(UserRow::username)
                .containsExactly("anna");
            store.commit(users("bert"), nothing());
            assertThat(store.load().directory().users()).hasSize(2);
            assertThatThrownBy(() -> ColonyStores.postgres(database.location()))
                .isInstanceOf(ColonyStoreFailure.class)
                .hasRootCauseMessage("another colony is using schema colony");
        }
    }
}
