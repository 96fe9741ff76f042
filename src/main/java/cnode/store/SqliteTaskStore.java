package cnode.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteDataSource;

/**
 * The task store in one SQLite file (WAL journal, {@code synchronous=FULL}), migrated by Flyway
 * from {@code db/node}: the default store, in the data folder. Everything else (one writer with
 * group commit, pooled readers, limits, close) is {@link JdbcTaskStore}'s; this class says how to
 * reach the file. Readers are {@code query_only}; in WAL mode they see only committed data and
 * never block the writer. A file that is not a SQLite database is refused at once. Thread-safe,
 * as its parent says.
 */
public final class SqliteTaskStore extends JdbcTaskStore {

    /** Opens (creating and migrating when needed) the store in {@code file}. */
    public SqliteTaskStore(Path file, int queueMax, int batchMax) {
        super(dialect(file), queueMax, batchMax);
    }

    private static StoreDialect dialect(Path file) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        return new StoreDialect(file.toString(), () -> connect(url),
            List.of("PRAGMA query_only=1"), () -> {
                checkReadable(url, file);
                migrate(url);
            });
    }

    /** Refuses a file that is not a SQLite database at once (Flyway would retry for 10 s). */
    private static void checkReadable(String url, Path file) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT count(*) FROM sqlite_master");
        } catch (SQLException e) {
            throw new StoreFailure("cannot read the task store " + file + ": " + e.getMessage(),
                e);
        }
    }

    private static void migrate(String url) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl(url);
        try {
            Flyway.configure().dataSource(source).locations(MIGRATIONS)
                .loggers("slf4j").load().migrate();
        } catch (FlywayException refused) {
            throw new StoreFailure("cannot migrate the task store " + url, refused);
        }
    }

    private static Connection connect(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA busy_timeout=5000");
        } catch (SQLException refused) {
            closeQuietly(connection);
            throw refused;
        }
        return connection;
    }
}
