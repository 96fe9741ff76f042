package cnode.http;

import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An HTTP port on Jetty 12 core (no servlet layer), with the limits of {@link HttpLimits}: the
 * node's SOAP port and the colony's JSON port. Owns the Jetty server; start and stop from the
 * composition root.
 */
public final class HttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /** The node's port: Jetty answers its own errors (bad request line, headers too large). */
    public HttpServer(String address, int port, HttpLimits limits, Handler handler) {
        this(address, port, limits, handler, "http", null);
    }

    /**
     * A port whose threads are named {@code threadName} and whose own errors, those Jetty
     * answers before any handler runs, are written by {@code errors} (null: Jetty's default),
     * so a JSON service can answer them in its own shape.
     */
    public HttpServer(String address, int port, HttpLimits limits, Handler handler,
                      String threadName, ErrorHandler errors) {
        QueuedThreadPool threads = new QueuedThreadPool(limits.threadsMax(), 4);
        threads.setName(threadName);
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
        if (errors != null) {
            server.setErrorHandler(errors);
        }
        server.setStopTimeout(5_000);
    }

    /** Binds and starts serving; throws when the port cannot be bound. */
    public void start() throws Exception {
        server.start();
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), port());
    }

    /** Stops serving; requests in progress get up to 5 s to finish. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (Exception failure) {
            throw new IllegalStateException("the HTTP port did not stop cleanly", failure);
        }
    }
}
