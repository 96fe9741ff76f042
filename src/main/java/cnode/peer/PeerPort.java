package cnode.peer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's P2P port: accepts connections from other users' nodes, runs the server side of
 * the handshake for the user logged in at that moment, then serves the link, sending its
 * requests to the {@link PeerHandler}. One virtual thread per connection.
 *
 * <p>Invariants: at most {@link PeerLimits#connectionsMax()} connections at once, counted
 * from accept to close (one more is refused {@code BUSY} at accept); a connection that has
 * not finished its handshake within {@link PeerLimits#handshakeTimeoutMs()} is refused
 * {@code HANDSHAKE_TIMEOUT}. Threads: the acceptor thread alone adds connections; each
 * connection's thread removes its own; {@link #close()} may be called from any thread.
 */
public final class PeerPort implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerPort.class);

    private final ServerSocket server;
    private final PeerLimits limits;
    private final Supplier<Optional<PeerIdentity>> identity;
    private final KeyDirectory keys;
    private final PeerHandler handler;
    private final SecureRandom random = new SecureRandom();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final LinkSweeper links;
    private final Thread acceptor;
    private volatile boolean closing;

    private PeerPort(ServerSocket server, PeerLimits limits,
                     Supplier<Optional<PeerIdentity>> identity, KeyDirectory keys,
                     PeerHandler handler) {
        this.server = server;
        this.limits = limits;
        this.identity = identity;
        this.keys = keys;
        this.handler = handler;
        this.links = new LinkSweeper("peer-port-sweeper", limits);
        this.acceptor = Thread.ofVirtual().name("peer-port-acceptor").unstarted(this::accept);
    }

    /**
     * Binds {@code address} (port 0 for any free one) and starts accepting.
     *
     * @param identity the user logged in now, read at each handshake; empty when nobody is
     * @param keys the directory's keys, to check who is calling
     * @param handler answers the requests that arrive on the port's links
     */
    public static PeerPort start(InetSocketAddress address, PeerLimits limits,
                                 Supplier<Optional<PeerIdentity>> identity, KeyDirectory keys,
                                 PeerHandler handler) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(address, Math.min(limits.connectionsMax(), 1_024));
        } catch (IOException taken) {
            server.close();
            throw taken;
        }
        PeerPort port = new PeerPort(server, limits, identity, keys, handler);
        port.acceptor.start();
        LOG.info("peer port listening on {}", server.getLocalSocketAddress());
        return port;
    }

    /** The port bound, useful when started on port 0. */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections held now, handshaking or linked. */
    int connections() {
        return connections.size();
    }

    private void accept() {
        while (!closing) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException stopped) {
                if (!closing) {
                    LOG.error("peer port stopped accepting", stopped);
                }
                return;
            }
            // Only this thread adds, so the size cannot pass the limit between check and add.
            if (connections.size() >= limits.connectionsMax()) {
                refuseBusy(socket);
                continue;
            }
            connections.add(socket);
            Thread.ofVirtual().name("peer-connection").start(() -> serve(socket));
        }
    }

    private void refuseBusy(Socket socket) {
        LOG.warn("peer port refused {}: {} connections held", socket.getRemoteSocketAddress(),
            limits.connectionsMax());
        try (socket) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            FrameReader.write(out,
                PeerJson.write(HandshakeMessages.refused(HandshakeRefusal.BUSY)));
        } catch (IOException gone) {
            LOG.debug("peer port could not tell {} it is busy", socket.getRemoteSocketAddress());
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            FrameReader reader = new FrameReader(socket, limits.frameBytesMax());
            HandshakeChannel channel =
                new HandshakeChannel(reader, socket.getOutputStream(), limits);
            HandshakeResult result = ServerHandshake.run(channel, identity, keys, random);
            if (result instanceof HandshakeResult.Done done) {
                link(socket, reader, done);
            } else if (result instanceof HandshakeResult.Failed failed) {
                LOG.info("peer handshake from {} refused: {} by {}",
                    socket.getRemoteSocketAddress(), failed.reason(), failed.by());
            }
        } catch (IOException broken) {
            LOG.debug("peer connection from {} broke during the handshake",
                socket.getRemoteSocketAddress());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(socket);
        }
    }

    private void link(Socket socket, FrameReader reader, HandshakeResult.Done done)
        throws IOException {
        PeerLink link = new PeerLink(socket, reader, done, handler, limits);
        links.add(link);
        LOG.info("peer link {} <-> {} up (incoming from {})", done.localUser(),
            done.remoteUser(), socket.getRemoteSocketAddress());
        try {
            if (closing) {
                link.close();
            }
            link.serve();
        } finally {
            links.remove(link);
        }
    }

    /** Closes every link and connection held now, and keeps accepting (after a logout). */
    public void closeLinks() {
        links.closeLinks();
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        closing = true;
        closeQuietly(server);
        links.close();
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
        LOG.info("peer port closed");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is all that is left to do.
        }
    }
}
