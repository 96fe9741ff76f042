package cnode.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Another process holding a node's SQLite store's write lock: a connection from the test's own
 * JVM (not the node's) that begins an EXCLUSIVE transaction on the store's file and keeps it
 * open until closed. Meanwhile the node's reads go on (WAL), but every write it tries waits its
 * busy timeout and is refused ("database is locked"), as when a backup tool or an operator's
 * {@code sqlite3} session holds the file. Closing rolls back, so the store is as it was.
 * Owned by the test thread that took it.
 */
final class StoreWriteLock implements AutoCloseable {
    private final Connection connection;

    private StoreWriteLock(Connection connection) {
        this.connection = connection;
    }

    /** Takes the write lock of the store in {@code file}, waiting up to 30 s for it. */
    static StoreWriteLock take(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:"
            + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=30000");
            statement.execute("BEGIN EXCLUSIVE");
        } catch (SQLException refused) {
            connection.close();
            throw refused;
        }
        return new StoreWriteLock(connection);
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } finally {
            connection.close();
        }
    }
}
