package cnode.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for one test class (or one test), on the local cluster that
 * {@code ./cnode test} starts: 127.0.0.1:5432, role {@code cnode_test} with password
 * {@code cnode_test} and CREATEDB. Its name is unique ({@code cnode_test_<label>_<random>}), so
 * suites in several JVMs and checkouts can share the cluster at the same time; {@link #close}
 * drops it, ending any connection a killed child process left behind.
 *
 * <p>{@code -Dcnode.postgres=jdbc:postgresql://HOST:PORT/DB?user=..&password=..} points the
 * tests at another server (DB is only used to create and drop the test databases). When the
 * server cannot be reached the test fails, saying what to do; only with
 * {@code -Dcnode.skipExternal=1} ({@code ./cnode test --skip-external}) is it skipped instead.
 * Used by the thread that runs the test class.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres"
        + "?user=cnode_test&password=cnode_test";
    private static final String PREFIX = "jdbc:postgresql://";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String adminUrl;
    private final String name;
    private final String url;

    private PostgresTestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
        int pathAt = adminUrl.indexOf('/', PREFIX.length());
        int queryAt = adminUrl.indexOf('?');
        this.url = adminUrl.substring(0, pathAt + 1) + name
            + (queryAt < 0 ? "" : adminUrl.substring(queryAt));
    }

    /**
     * Creates the database; {@code label} (letters and digits) says which suite it is for, to
     * whoever lists the cluster's databases while the suite runs.
     */
    public static PostgresTestDatabase create(String label) {
        String adminUrl = System.getProperty("cnode.postgres", ADMIN_URL);
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        String name = "cnode_test_" + label.toLowerCase(Locale.ROOT) + "_"
            + HexFormat.of().formatHex(suffix);
        try (Connection admin = DriverManager.getConnection(adminUrl);
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException unreachable) {
            String message = "PostgreSQL is not usable at "
                + PostgresLocation.parse(adminUrl).masked() + ": " + unreachable.getMessage()
                + ". ./cnode test starts the local cluster and creates the role cnode_test "
                + "(docs/TESTING.md); or run ./cnode test --skip-external to leave these tests out";
            if ("1".equals(System.getProperty("cnode.skipExternal"))) {
                Assumptions.abort(message);
            }
            throw new AssertionError(message, unreachable);
        }
        return new PostgresTestDatabase(adminUrl, name);
    }

    /** The JDBC URL of this database, credentials included. */
    public String url() {
        return url;
    }

    /** This database as {@code --db} would name it: tables in schema {@code node}. */
    public PostgresLocation location() {
        return PostgresLocation.parse(url);
    }

    /** Drops schema {@code node} and all in it, so the next store starts from nothing. */
    public void reset() throws SQLException {
        execute(url, "DROP SCHEMA IF EXISTS node CASCADE");
    }

    /**
     * Ends every other session on this database, as a server restart or a network cut would,
     * and waits (up to 10 s each) until they are gone: the stores' connections break under
     * them.
     */
    public void endConnections() throws SQLException {
        execute(url, "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            + " AND usename = current_user");
    }

    /** Runs one statement on this database in its own session. */
    public void execute(String sql) throws SQLException {
        execute(url, sql);
    }

    private static void execute(String on, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(on);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Drops the database, ending the sessions still on it. An autovacuum worker (which heavy
     * writing starts) runs as the server's superuser, whom our role may not end, so the drop
     * is tried again for a few seconds until the worker has finished.
     */
    @Override
    public void close() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException busy) {
                if (attempt >= 20 || !"42501".equals(busy.getSQLState())) {
                    throw busy;
                }
                pause(500);
            }
        }
    }

    private static void pause(long ms) throws SQLException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while dropping a test database", e);
        }
    }
}
