package cnode.store;

import cnode.task.TaskStore;
import cnode.task.TaskStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a SQLite file in a temporary folder. */
final class SqliteTaskStoreContractTest extends TaskStoreContract {
    @TempDir
    Path folder;

    @Override
    protected TaskStore open() {
        return new SqliteTaskStore(folder.resolve("node.db"), 1_024, 256);
    }
}
