package cnode.http;

import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The node's HTTP port on Jetty 12 core (no servlet layer), with the limits of
 * {@link HttpLimits}. Owns the Jetty server; start and stop from the composition root.
 */
public final class HttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    public HttpServer(String address, int port, HttpLimits limits, Handler handler) {
        QueuedThreadPool threads = new QueuedThreadPool(limits.threadsMax(), 4);
        threads.setName("http");
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
