package cnode.colony.server;

import cnode.http.HttpLimits;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The colony's HTTP port on Jetty 12 core, with the limits of {@link HttpLimits}. It mirrors
 * the node's {@code cnode.http.HttpServer} and adds one thing that one lacks: an error handler,
 * so the errors Jetty answers itself use the colony's JSON error shape. Owns the Jetty server;
 * started and stopped by {@link Colony}.
 */
final class ColonyPort implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    ColonyPort(String address, int port, HttpLimits limits, Handler handler,
               ErrorHandler errors) {
        QueuedThreadPool threads = new QueuedThreadPool(limits.threadsMax(), 4);
        threads.setName("colony-http");
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(limits.headerBytesMax());
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(address);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeoutMs());
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(errors);
        server.setStopTimeout(5_000);
    }

    /** Binds and starts serving; throws when the port cannot be bound. */
    void start() throws Exception {
        server.start();
    }

    /** The bound port (useful when started on port 0). */
    int port() {
        return connector.getLocalPort();
    }

    /** Stops serving; requests in progress get up to 5 s to finish. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (Exception failure) {
            throw new IllegalStateException("the colony's HTTP port did not stop cleanly",
                failure);
        }
    }
}
