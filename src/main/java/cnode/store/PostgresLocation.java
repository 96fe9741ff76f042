package cnode.store;

import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL task store lives, from {@code --db}: the JDBC URL as given, with the
 * credentials in its query ({@code ?user=NAME&password=SECRET}), and the schema that holds the
 * store's tables: the URL's {@code currentSchema}, else {@code node}, so a node and a colony (or
 * several nodes) can share one database. An immutable value. The URL may hold a password, so
 * {@link #toString} and {@link #masked} hide it, and only the JDBC driver is ever given
 * {@link #url}.
 */
public record PostgresLocation(String url, String schema) {
    private static final String PREFIX = "jdbc:postgresql://";
    private static final String DEFAULT_SCHEMA = "node";
    /** One unquoted lower-case identifier, so it needs no quoting anywhere. */
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** HOST[:PORT] (several, comma-separated, for fail-over), then /DATABASE, then a query. */
    private static final Pattern SHAPE = Pattern.compile("jdbc:postgresql://"
        + "(?:[^/?#:,\\[]+|\\[[0-9a-fA-F:.]+])(?::\\d{1,5})?"
        + "(?:,(?:[^/?#:,\\[]+|\\[[0-9a-fA-F:.]+])(?::\\d{1,5})?)*/[^/?#]+(?:\\?.*)?");
    private static final Pattern PASSWORD = Pattern.compile("(?i)([?&][a-z]*password=)[^&]*");
    private static final Pattern USER_INFO = Pattern.compile("^(" + PREFIX + "[^/@:]*):[^/@]*@");

    /**
     * Reads a {@code --db} value; an {@link IllegalArgumentException} says, in words fit for a
     * user, what is wrong with it (and never repeats the password).
     */
    public static PostgresLocation parse(String url) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must be a jdbc:postgresql://HOST[:PORT]/DATABASE"
                + " URL; without --db the tasks stay in SQLite in the data folder");
        }
        // Our own check of the shape first: the driver logs a warning of its own about some
        // malformed URLs, and a usage error is one line.
        Properties properties = SHAPE.matcher(url).matches()
            ? org.postgresql.Driver.parseURL(url, null) : null;
        if (properties == null) {
            throw new IllegalArgumentException("is not jdbc:postgresql://HOST[:PORT]/DATABASE"
                + "?user=NAME&password=SECRET: " + mask(url));
        }
        String schema = properties.getProperty("currentSchema", DEFAULT_SCHEMA);
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("currentSchema must be one lower-case name of "
                + "letters, digits and _ (the schema of the node's tables), not '" + schema + "'");
        }
        return new PostgresLocation(url, schema);
    }

    /** The URL with every password replaced by {@code ***}: the form for logs and messages. */
    public String masked() {
        return mask(url);
    }

    private static String mask(String url) {
        String masked = PASSWORD.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceFirst("$1:***@");
    }

    @Override
    public String toString() {
        return masked();
    }
}
