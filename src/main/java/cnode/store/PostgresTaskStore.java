package cnode.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The task store in a PostgreSQL database ({@code --db jdbc:postgresql://...}), its tables in
 * the location's schema ({@code node} unless the URL says otherwise), migrated by Flyway from
 * the same {@code db/node} files as SQLite. Everything else (one writer with group commit,
 * pooled readers, replacing lost connections, limits, close) is {@link JdbcTaskStore}'s: five
 * plain connections, one writing and four reading, no pool library. Readers' sessions are
 * read-only; each of their statements sees only committed data and never blocks the writer.
 * Thread-safe, as its parent says.
 *
 * <p>Each connection is told its application name (seen in {@code pg_stat_activity}) and a
 * socket timeout, so that a silent network cannot hold the writer for longer than a minute; the
 * URL's own parameters win over both.
 */
public final class PostgresTaskStore extends JdbcTaskStore {
    private static final String SOCKET_TIMEOUT_SECONDS = "60";

    /** Opens (creating the schema and migrating when needed) the store at {@code location}. */
    public PostgresTaskStore(PostgresLocation location, int queueMax, int batchMax) {
        super(dialect(location), queueMax, batchMax);
    }

    private static StoreDialect dialect(PostgresLocation at) {
        return new StoreDialect(at.masked(), () -> connect(at),
            List.of("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"), () -> {
                checkReachable(at);
                migrate(at);
            });
    }

    private static Connection connect(PostgresLocation at) throws SQLException {
        Properties defaults = new Properties();
        defaults.setProperty("ApplicationName", "cnode node");
        defaults.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
        Connection connection = DriverManager.getConnection(at.url(), defaults);
        try {
            connection.setSchema(at.schema());
        } catch (SQLException refused) {
            closeQuietly(connection);
            throw refused;
        }
        return connection;
    }

    /**
     * Fails at once, in our own words, when the server cannot be reached or the credentials are
     * refused (before Flyway, whose messages may quote the data source), and refuses a
     * database whose encoding cannot hold every character a client may send.
     */
    private static void checkReachable(PostgresLocation at) {
        String encoding;
        try (Connection connection = connect(at);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW server_encoding")) {
            row.next();
            encoding = row.getString(1);
        } catch (SQLException e) {
            throw new StoreFailure("cannot reach the task store " + at.masked() + ": "
                + e.getMessage(), e);
        }
        if (!encoding.equals("UTF8")) {
            throw new StoreFailure("the task store " + at.masked() + " is encoded " + encoding
                + "; it must be UTF8 (CREATE DATABASE ... ENCODING 'UTF8')", null);
        }
    }

    private static void migrate(PostgresLocation at) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(at.url());
        try {
            Flyway.configure().dataSource(source).schemas(at.schema()).locations(MIGRATIONS)
                .loggers("slf4j").load().migrate();
        } catch (FlywayException refused) {
            throw new StoreFailure("cannot migrate the task store " + at.masked(), refused);
        }
    }
}
