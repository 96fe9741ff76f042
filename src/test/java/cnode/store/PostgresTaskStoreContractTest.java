package cnode.store;

import cnode.task.TaskStore;
import cnode.task.TaskStoreContract;
import org.junit.jupiter.api.AfterAll;

/**
 * The store contract on PostgreSQL: one fresh database for the class, created by the first test
 * (so that without a server each test reports itself skipped or failed), and for each test a
 * store migrated into an empty schema {@code node} (the previous test's schema is dropped first).
 */
final class PostgresTaskStoreContractTest extends TaskStoreContract {
    private static PostgresTestDatabase database;

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected TaskStore open() throws Exception {
        if (database == null) {
            database = PostgresTestDatabase.create("contract");
        }
        database.reset();
        return new PostgresTaskStore(database.location(), 1_024, 256);
    }
}
