package cnode.colony.store;

import cnode.colony.DirectoryChanges;
import cnode.colony.RegistryChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The colony's durable store over JDBC, the same on SQLite and PostgreSQL; a
 * {@link ColonyDialect} says what differs, the SQL ({@link ColonyTable}) does not. One
 * connection, with auto-commit off, used only by the {@link ColonyWriter}'s thread: a commit
 * writes every row of both change sets with batched statements ({@link ColonyWrites}) and
 * commits once, so one batch of the writer's commands is one transaction (group commit);
 * {@link #load} reads every table in one transaction ({@link ColonyReads}).
 *
 * <p>Failure: a commit that fails is rolled back and throws {@link ColonyStoreFailure}; the
 * writer then rebuilds its state from {@link #load}, which therefore must see exactly what was
 * committed. A connection found broken after a failure (a PostgreSQL server restarted, a
 * network cut) is closed, and the next call opens a new one; a connection lost during the
 * commit itself leaves that commit's outcome unknown, which the load that follows settles. The
 * dialect's claim (an exclusive lock on the SQLite file, an advisory lock on PostgreSQL) is
 * taken again with each new connection, so a second colony that started meanwhile keeps this
 * one out instead of both writing.
 *
 * <p>Thread: the writer's, for every call but {@link #close}, which the colony calls after the
 * writer has stopped.
 */
public final class JdbcColonyStore implements ColonyStore {
    private static final int VALID_CHECK_SECONDS = 2;

    private final ColonyDialect dialect;
    /** Null while a lost connection has not been replaced. */
    private Connection connection;
    private ColonyWrites writes;
    private volatile long commits;
    private volatile long rowsWritten;
    private volatile long writeNanos;
    private volatile long syncNanos;
    private boolean closed;

    /** Prepares the database (checks, migration) and opens and claims the connection. */
    JdbcColonyStore(ColonyDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect);
        dialect.prepare().run();
        try {
            connect();
        } catch (SQLException refused) {
            throw new ColonyStoreFailure("cannot open the colony store " + dialect.location()
                + ": " + refused.getMessage(), refused);
        }
    }

    /** Where the store is, for logs: a file, or a database URL with its password masked. */
    public String location() {
        return dialect.location();
    }

    /** Transactions committed since the store opened; for benchmarks and tests, any thread. */
    public long commits() {
        return commits;
    }

    /** Rows written or deleted by those transactions; for benchmarks, any thread. */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** Time spent running those transactions' statements; for benchmarks, any thread. */
    public long writeNanos() {
        return writeNanos;
    }

    /** Time spent committing them (on SQLite, mostly the fsync); for benchmarks, any thread. */
    public long syncNanos() {
        return syncNanos;
    }

    @Override
    public ColonyRows load() {
        try {
            connect();
            ColonyRows rows = ColonyReads.load(connection);
            connection.commit();
            return rows;
        } catch (SQLException failure) {
            recover();
            throw new ColonyStoreFailure("cannot read the colony store " + dialect.location()
                + ": " + failure.getMessage(), failure);
        } catch (RuntimeException corrupt) {
            recover();
            throw corrupt;
        }
    }

    @Override
    public void commit(DirectoryChanges directory, RegistryChanges registry) {
        if (directory.isEmpty() && registry.isEmpty()) {
            return;
        }
        try {
            connect();
            long startNs = System.nanoTime();
            long rows = writes.apply(directory, registry);
            long writtenNs = System.nanoTime();
            connection.commit();
            writeNanos += writtenNs - startNs;
            syncNanos += System.nanoTime() - writtenNs;
            commits++;
            rowsWritten += rows;
        } catch (SQLException | RuntimeException failure) {
            recover();
            throw new ColonyStoreFailure("the colony store " + dialect.location()
                + " refused a commit: " + failure.getMessage(), failure);
        }
    }

    /** Opens and claims a connection when there is none. */
    private void connect() throws SQLException {
        if (closed) {
            throw new SQLException("the colony store is closed");
        }
        if (connection != null) {
            return;
        }
        Connection opened = dialect.connector().open();
        try {
            writes = new ColonyWrites(opened);
        } catch (SQLException refused) {
            closeQuietly(opened);
            throw refused;
        }
        connection = opened;
    }

    /**
     * Rolls back after a failure and drops a connection that no longer works, so the next call
     * opens a new one.
     */
    private void recover() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // Whether the connection still works is checked next; the caller already fails.
        }
        if (!valid(connection)) {
            drop();
        }
    }

    private static boolean valid(Connection connection) {
        try {
            return connection.isValid(VALID_CHECK_SECONDS);
        } catch (SQLException broken) {
            return false;
        }
    }

    private void drop() {
        if (writes != null) {
            writes.close();
        }
        closeQuietly(connection);
        writes = null;
        connection = null;
    }

    /** Closes the connection, which releases the claim; idempotent. */
    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // Nothing was pending: every commit either returned or was rolled back.
            }
        }
        drop();
        closed = true;
    }

    static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception ignored) {
            // Closing at shutdown or after a loss: nothing is left to save.
        }
    }
}
