package cnode.colony.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a SQLite file in a temporary folder. */
final class SqliteColonyStoreContractTest extends JdbcColonyStoreContract {
    @TempDir
    Path folder;

    @Override
    protected ColonyDialect dialect() {
        return ColonyStores.sqliteDialect(folder.resolve("colony.db"));
    }
}
