package cnode.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What differs between the databases the task store runs on. The store's own SQL is the same on
 * SQLite and PostgreSQL (and so is its Flyway migration); what differs is how a connection is
 * opened and its session set up, how a reader's session is made read-only, and what must happen
 * once before the first connection (checks and migration). An immutable value, shared by the
 * threads of one store.
 *
 * @param location names the store in messages and logs; it never holds a password
 * @param connector opens one connection with its session set up
 * @param readOnlySql statements that make a reader's session refuse writes
 * @param prepare runs once before the store opens its connections; it throws
 *     {@link cnode.task.TaskStore.StoreFailure} when the store cannot be used
 */
record StoreDialect(
    String location,
    Connector connector,
    List<String> readOnlySql,
    Runnable prepare) {

    StoreDialect {
        readOnlySql = List.copyOf(readOnlySql);
    }

    /** Opens one connection; the store owns it from then on. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }
}
