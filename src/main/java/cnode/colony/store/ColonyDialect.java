package cnode.colony.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * What differs between the databases the colony's store runs on ({@link ColonyStores} makes
 * one for SQLite and one for PostgreSQL). The SQL and the migrations are the same on both; what
 * differs is what runs once before the first connection (checks and migration) and how the one
 * connection is opened, set up and claimed, so that a second colony on the same state is
 * refused rather than let two writers decide money. An immutable value.
 *
 * @param location names the store in messages and logs; never holds a password
 * @param prepare runs once before the store connects; throws {@link ColonyStoreFailure} when
 *     the store cannot be used
 * @param connector opens the store's connection with its session set up, auto-commit off, and
 *     this colony's claim on the state taken
 */
record ColonyDialect(String location, Runnable prepare, Connector connector) {

    ColonyDialect {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(prepare, "prepare");
        Objects.requireNonNull(connector, "connector");
    }

    /** Opens the store's one connection; the store owns it from then on. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }
}
