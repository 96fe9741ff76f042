package cnode.colony.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake for the faults a database shows a {@link JdbcColonyStore}: it wraps a dialect's
 * connector so that every connection the store opens passes through here, and can then make
 * the next commit fail after its statements ran (as a full disk or a lost server would at the
 * last step), or close the real connections under the store (as a server restart would). The
 * connections are real; only {@code commit} is intercepted. Any thread.
 */
final class FaultyConnections {
    private final List<Connection> opened = new CopyOnWriteArrayList<>();
    private final AtomicInteger commitsToFail = new AtomicInteger();

    /** {@code dialect}, with its connections passing through this fake. */
    ColonyDialect wrap(ColonyDialect dialect) {
        return new ColonyDialect(dialect.location(), dialect.prepare(), () -> {
            Connection real = dialect.connector().open();
            opened.add(real);
            return faulty(real);
        });
    }

    /** The next {@code count} commits throw instead of committing; their work stays pending. */
    void failNextCommits(int count) {
        commitsToFail.set(count);
    }

    /** Closes every real connection opened so far, under the store's feet. */
    void closeAll() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
    }

    /** Connections the store has opened: more than one after a lost one was replaced. */
    int openedCount() {
        return opened.size();
    }

    private Connection faulty(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                if (method.getName().equals("commit")
                    && commitsToFail.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    throw new SQLException("commit refused on purpose");
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException thrown) {
                    throw thrown.getCause();
                }
            });
    }
}
