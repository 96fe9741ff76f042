package cnode.cli;

import cnode.colony.client.JsonLimits;
import cnode.http.HttpLimits;
import cnode.store.PostgresLocation;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything {@code cnode colony} is configured with, parsed and validated from its flags in
 * one place (contract §2; flags and defaults in docs/COLONY-API.md). {@code --db} is read as
 * the node reads it ({@link PostgresLocation}, whose {@code toString} masks the password, so
 * this record's does too). Immutable.
 *
 * @param address the address the HTTP/JSON port binds to
 * @param port the port; 0 picks a free one
 * @param data the data folder (admin token, SQLite store)
 * @param postgres where {@code --db} puts the colony's state, or null for {@link #sqliteFile}
 * @param coinValidityMs how long a newly issued coin stays valid
 * @param insecureRemote whether a non-loopback address was allowed on purpose
 * @param http limits of the HTTP port (body bytes, headers, idle time, threads)
 * @param json limits of one JSON body beyond its size
 */
public record ColonyConfig(
    String address,
    int port,
    Path data,
    PostgresLocation postgres,
    long coinValidityMs,
    boolean insecureRemote,
    HttpLimits http,
    JsonLimits json) {

    private static final String COMMAND = "cnode colony";
    static final Set<String> VALUED = Set.of("--address", "--port", "--data", "--db",
        "--coin-validity", "--body-bytes-max", "--json-depth-max");
    static final Set<String> SWITCHES = Set.of("--insecure-remote");
    /** Longest coin validity accepted: 100 years, so issue date plus validity never overflows. */
    static final long COIN_VALIDITY_MS_MAX = 36_500L * 86_400_000L;

    /** Parses the arguments that follow {@code cnode colony}. */
    public static ColonyConfig parse(List<String> args) throws UsageError {
        Flags flags = Flags.parse(COMMAND, args, VALUED, SWITCHES);
        long coinValidityMs = flags.durationMs("--coin-validity", 730L * 86_400_000L);
        if (coinValidityMs > COIN_VALIDITY_MS_MAX) {
            throw new UsageError(COMMAND + ": --coin-validity is longer than 36500d");
        }
        int depth = flags.positive("--json-depth-max", JsonLimits.defaults().depthMax());
        int bodyBytesMax = flags.positive("--body-bytes-max", 1_048_576);
        if (depth < 2 || depth > 1_000 || bodyBytesMax > 64 * 1_048_576) {
            throw new UsageError(COMMAND + ": " + (depth < 2 || depth > 1_000
                ? "--json-depth-max must be 2 to 1000"
                : "--body-bytes-max must be at most 67108864"));
        }
        String address = flags.text("--address", "127.0.0.1");
        boolean loopback = address.equals("127.0.0.1") || address.equals("localhost")
            || address.equals("::1") || address.startsWith("127.");
        if (!loopback && !flags.has("--insecure-remote")) {
            // Contract §6: the colony has no TLS yet, so off loopback everything, the admin
            // token included, would travel in clear text; only a deliberate flag allows it.
            throw new UsageError(COMMAND + ": --address " + address + " is not loopback; the"
                + " colony has no TLS yet, so this needs --insecure-remote, given on purpose");
        }
        return new ColonyConfig(address, flags.port("--port", 8900),
            path(COMMAND, "--data", flags.text("--data", "./cnode-colony")),
            flags.postgres("--db"), coinValidityMs, flags.has("--insecure-remote"),
            HttpLimits.defaults(bodyBytesMax), JsonLimits.defaults().withDepthMax(depth));
    }

    /** The SQLite file that holds the colony's state when there is no {@code --db}. */
    public Path sqliteFile() {
        return data.resolve("colony.db");
    }

    /** For logs: which store, never a password. */
    public String store() {
        return postgres == null ? "SQLite " + sqliteFile() : "PostgreSQL " + postgres.masked();
    }

    /** A file or folder path from a flag; one a file system cannot hold is a usage error. */
    static Path path(String command, String flag, String text) throws UsageError {
        try {
            return Path.of(text);
        } catch (InvalidPathException bad) {
            throw new UsageError(command + ": " + flag + " is not a usable path");
        }
    }
}
