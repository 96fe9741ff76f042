package cnode.colony.store;

import cnode.cli.ColonyConfig;
import cnode.store.PostgresLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the store a colony's configuration names: SQLite in the data folder, or PostgreSQL
 * with {@code --db}. Both are a {@link JdbcColonyStore}; what differs is said here, in one
 * {@link ColonyDialect} each. Stateless.
 *
 * <p><b>SQLite</b>: one file, {@code colony.db} in the data folder (made, mode 0700, when it is
 * missing), WAL journal with {@code synchronous=FULL}, so a commit is on disk when it returns.
 * The connection holds the file in {@code locking_mode=EXCLUSIVE}: a second colony on the same
 * folder is refused at start, and SQLite needs no shared-memory index beside the file.
 *
 * <p><b>PostgreSQL</b>: the tables live in schema {@code colony}, or the URL's
 * {@code currentSchema}, so a node and a colony can share one database; PostgreSQL's default
 * synchronous commit. The connection holds a session advisory lock on the schema, so a second
 * colony on the same schema is refused. Batched inserts are rewritten into multi-row ones
 * ({@code reWriteBatchedInserts}) unless the URL says otherwise.
 *
 * <p>Both are migrated by Flyway from {@code db/colony}, with a history table of their own
 * ({@code colony_schema_history}), apart from the node's.
 */
public final class ColonyStores {
    /** The schema of the colony's tables on PostgreSQL when the URL names none. */
    public static final String DEFAULT_SCHEMA = "colony";
    static final String MIGRATIONS = "classpath:db/colony";
    static final String HISTORY_TABLE = "colony_schema_history";
    private static final String SOCKET_TIMEOUT_SECONDS = "60";
    /** The advisory lock's first key: "cnod" in ASCII; the second is the schema's hash. */
    private static final int LOCK_CLASS = 0x636e6f64;

    private ColonyStores() {
    }

    /** The configured store, migrated and ready to load. */
    public static ColonyStore open(ColonyConfig config) {
        return config.postgres() == null ? sqlite(config.sqliteFile())
            : postgres(config.postgres());
    }

    /** The store in the SQLite file {@code file}, created and migrated when needed. */
    public static JdbcColonyStore sqlite(Path file) {
        return new JdbcColonyStore(sqliteDialect(file));
    }

    /** The store at {@code at}, its schema created and migrated when needed. */
    public static JdbcColonyStore postgres(PostgresLocation at) {
        return new JdbcColonyStore(postgresDialect(at));
    }

    static ColonyDialect sqliteDialect(Path file) {
        Path absolute = file.toAbsolutePath();
        String url = "jdbc:sqlite:" + absolute;
        return new ColonyDialect(file.toString(), () -> {
            makeFolder(absolute.getParent());
            makePrivateFile(absolute);
            checkSqlite(url, file);
            SQLiteDataSource source = new SQLiteDataSource();
            source.setUrl(url);
            migrate(source, null, file.toString());
        }, () -> connectSqlite(url));
    }

    static ColonyDialect postgresDialect(PostgresLocation at) {
        String schema = schema(at);
        return new ColonyDialect(at.masked() + " (schema " + schema + ")", () -> {
            checkPostgres(at);
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(at.url());
            migrate(source, schema, at.masked());
        }, () -> connectPostgres(at, schema));
    }

    /**
     * The schema of the colony's tables: the URL's {@code currentSchema} when it names one
     * ({@link PostgresLocation} has checked its shape), else {@value #DEFAULT_SCHEMA}.
     */
    public static String schema(PostgresLocation at) {
        Properties properties = org.postgresql.Driver.parseURL(at.url(), null);
        boolean named = properties != null && properties.getProperty("currentSchema") != null;
        return named ? at.schema() : DEFAULT_SCHEMA;
    }

    private static void makeFolder(Path folder) {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        } catch (IOException | UnsupportedOperationException refused) {
            throw new ColonyStoreFailure("cannot make the colony's data folder " + folder
                + ": " + refused.getMessage(), refused);
        }
    }

    /**
     * Creates a new database file with mode 0600 before SQLite does (SQLite would use 0644):
     * it holds password hashes and key blobs, and SQLite gives its journal files the mode of
     * the database file. An existing file keeps the mode its operator gave it.
     */
    private static void makePrivateFile(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        } catch (IOException | UnsupportedOperationException refused) {
            throw new ColonyStoreFailure("cannot create the colony store " + file + ": "
                + refused.getMessage(), refused);
        }
    }

    /**
     * Refuses at once a file that is not a SQLite database, or one another colony holds (its
     * exclusive lock refuses even this read), before Flyway, which would retry for seconds.
     */
    private static void checkSqlite(String url, Path file) {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=0");
            statement.execute("SELECT count(*) FROM sqlite_master");
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY")) {
                // No cause: the launcher prints the deepest message, and this one is ours.
                throw new ColonyStoreFailure("the colony store " + file
                    + " is in use by another colony (one colony per data folder)", null);
            }
            throw new ColonyStoreFailure("cannot open the colony store " + file + ": "
                + e.getMessage(), e);
        }
    }

    private static Connection connectSqlite(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA locking_mode=EXCLUSIVE");
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA busy_timeout=0");
            // The first write takes the exclusive lock, and keeps it until the connection
            // closes: an empty write transaction claims the file now, not at the first commit.
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("COMMIT");
            connection.setAutoCommit(false);
        } catch (SQLException refused) {
            JdbcColonyStore.closeQuietly(connection);
            throw refused;
        }
        return connection;
    }

    /**
     * Fails at once, in our own words, when the server cannot be reached or the credentials are
     * refused (before Flyway, whose messages may quote the data source), and refuses a database
     * whose encoding cannot hold every character a client may send.
     */
    private static void checkPostgres(PostgresLocation at) {
        String encoding;
        try (Connection connection = DriverManager.getConnection(at.url(), postgresDefaults());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW server_encoding")) {
            row.next();
            encoding = row.getString(1);
        } catch (SQLException e) {
            throw new ColonyStoreFailure("cannot reach the colony store " + at.masked() + ": "
                + e.getMessage(), e);
        }
        if (!encoding.equals("UTF8")) {
            throw new ColonyStoreFailure("the colony store " + at.masked() + " is encoded "
                + encoding + "; it must be UTF8 (CREATE DATABASE ... ENCODING 'UTF8')", null);
        }
    }

    private static Properties postgresDefaults() {
        Properties defaults = new Properties();
        defaults.setProperty("ApplicationName", "cnode colony");
        defaults.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
        defaults.setProperty("reWriteBatchedInserts", "true");
        // A server's error detail may quote a failing row (a password hash, a session token):
        // the store's messages are logged, so they carry the error without its detail.
        defaults.setProperty("logServerErrorDetail", "false");
        return defaults;
    }

    private static Connection connectPostgres(PostgresLocation at, String schema)
            throws SQLException {
        Connection connection = DriverManager.getConnection(at.url(), postgresDefaults());
        try {
            connection.setSchema(schema);
            try (PreparedStatement claim = connection.prepareStatement(
                     "SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                claim.setInt(1, LOCK_CLASS);
                claim.setString(2, schema);
                try (ResultSet row = claim.executeQuery()) {
                    if (!row.next() || !row.getBoolean(1)) {
                        throw new SQLException("another colony is using schema " + schema);
                    }
                }
            }
            connection.setAutoCommit(false);
        } catch (SQLException refused) {
            JdbcColonyStore.closeQuietly(connection);
            throw refused;
        }
        return connection;
    }

    /**
     * Runs the colony's migrations. {@code baselineOnMigrate} at version 0 lets the colony's
     * tables join a schema that already holds other tables (a node's, when both URLs name the
     * same {@code currentSchema}): every colony migration still runs, from V1.
     */
    private static void migrate(DataSource source, String schema, String where) {
        try {
            FluentConfiguration flyway = Flyway.configure().dataSource(source)
                .locations(MIGRATIONS).table(HISTORY_TABLE).baselineOnMigrate(true)
                .baselineVersion("0").loggers("slf4j");
            if (schema != null) {
                flyway.schemas(schema);
            }
            flyway.load().migrate();
        } catch (FlywayException refused) {
            // Not the message: Flyway's may quote the data source, and so a password.
            throw new ColonyStoreFailure("cannot migrate the colony store " + where, refused);
        }
    }
}
