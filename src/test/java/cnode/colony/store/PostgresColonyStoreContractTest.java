package cnode.colony.store;

import cnode.store.PostgresLocation;
import cnode.store.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;

/**
 * The store contract on PostgreSQL: one fresh database for the class, created by the first
 * test (so that without a server each test reports itself skipped or failed), and for each
 * test an empty schema {@code colony}: the previous test's is dropped when the test first asks
 * for its store. JUnit makes one instance of the class per test, hence the instance flag.
 */
final class PostgresColonyStoreContractTest extends JdbcColonyStoreContract {
    private static PostgresTestDatabase database;
    private boolean emptied;

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @Override
    protected ColonyDialect dialect() throws Exception {
        if (database == null) {
            database = PostgresTestDatabase.create("colonycontract");
        }
        if (!emptied) {
            database.execute("DROP SCHEMA IF EXISTS colony CASCADE");
            emptied = true;
        }
        return ColonyStores.postgresDialect(PostgresLocation.parse(database.url()));
    }
}
