package cnode.peer;

import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens links to other users' nodes and keeps them for reuse: connect (with bounded attempts
 * and a doubling back-off), run the client side of the handshake as the user logged in now,
 * then serve the link on a virtual thread of its own (the other side may ask too; its
 * requests go to the {@link PeerHandler}).
 *
 * <p>Invariants: at most {@link PeerLimits#linksMax()} links are kept, the least recently
 * used closed first; a kept link is reused only while it is open and was made for the user
 * logged in now. Threads: any thread may open; the cache is guarded by one lock that is
 * never held while connecting or handshaking.
 */
public final class PeerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerClient.class);

    private record Target(String user, PeerAddress address) {}

    private final PeerLimits limits;
    private final Supplier<Optional<PeerIdentity>> identity;
    private final KeyDirectory keys;
    private final PeerHandler handler;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock lock = new ReentrantLock();
    /** Access-ordered: the eldest entry is the least recently used. Guarded by lock. */
    private final LinkedHashMap<Target, PeerLink> kept = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkSweeper links;
    private volatile boolean closed;

    /**
     * A client that speaks for {@code identity}'s user (read at each handshake).
     *
     * @param keys the directory's keys, to check who answers
     * @param handler answers requests the other side sends on these links
     */
    public PeerClient(PeerLimits limits, Supplier<Optional<PeerIdentity>> identity,
                      KeyDirectory keys, PeerHandler handler) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.links = new LinkSweeper("peer-client-sweeper", limits);
    }

    /**
     * A link to {@code user}'s node at {@code address}: a kept one if it is still open, else
     * a new one. Expected failures are values ({@link LinkResult}).
     */
    public LinkResult open(String user, PeerAddress address) throws InterruptedException {
        Optional<PeerIdentity> me = identity.get();
        if (me.isEmpty()) {
            return new LinkResult.NotLoggedIn();
        }
        if (closed) {
            return new LinkResult.Unreachable("the peer client is closed");
        }
        Target target = new Target(user, address);
        Optional<PeerLink> reused = kept(target, me.get().username());
        if (reused.isPresent()) {
            return new LinkResult.Linked(reused.get());
        }
        LinkResult result = connect(target, me.get());
        if (result instanceof LinkResult.Linked linked) {
            return new LinkResult.Linked(keep(target, linked.link()));
        }
        return result;
    }

    private Optional<PeerLink> kept(Target target, String me) {
        lock.lock();
        try {
            PeerLink link = kept.get(target);
            if (link == null) {
                return Optional.empty();
            }
            if (link.isOpen() && link.localUser().equals(me)) {
                return Optional.of(link);
            }
            kept.remove(target);
            link.close();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Keeps {@code fresh}, unless another open link for the target won the race. */
    private PeerLink keep(Target target, PeerLink fresh) {
        PeerLink winner = fresh;
        PeerLink loser = null;
        lock.lock();
        try {
            PeerLink other = kept.get(target);
            if (other != null && other.isOpen()
                && other.localUser().equals(fresh.localUser())) {
                winner = other;
                loser = fresh;
            } else {
                kept.put(target, fresh);
                loser = other;
                if (kept.size() > limits.linksMax()) {
                    Iterator<Map.Entry<Target, PeerLink>> eldest = kept.entrySet().iterator();
                    PeerLink evicted = eldest.next().getValue();
                    eldest.remove();
                    evicted.close();
                }
            }
        } finally {
            lock.unlock();
        }
        if (loser != null) {
            loser.close();
        }
        return winner;
    }

    private LinkResult connect(Target target, PeerIdentity me) throws InterruptedException {
        long backoffMs = limits.retryBackoffMs();
        IOException last = null;
        for (int attempt = 1; attempt <= limits.connectAttempts(); attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(target.address().resolve(), (int) limits.connectTimeoutMs());
            } catch (IOException failed) {
                closeQuietly(socket);
                last = failed;
                LOG.info("peer connect to {} at {} failed (attempt {} of {}): {}",
                    target.user(), target.address(), attempt, limits.connectAttempts(),
                    failed.getMessage());
                if (attempt < limits.connectAttempts()) {
                    Thread.sleep(backoffMs);
                    backoffMs *= 2;
                }
                continue;
            }
            return handshake(socket, target, me);
        }
        return new LinkResult.Unreachable(target.address() + ": "
            + (last == null ? "no attempt" : last.getMessage()));
    }

    private LinkResult handshake(Socket socket, Target target, PeerIdentity me)
        throws InterruptedException {
        try {
            socket.setTcpNoDelay(true);
            FrameReader reader = new FrameReader(socket, limits.frameBytesMax());
            HandshakeChannel channel =
                new HandshakeChannel(reader, socket.getOutputStream(), limits);
            HandshakeResult result =
                ClientHandshake.run(channel, me, target.user(), keys, random);
            if (result instanceof HandshakeResult.Failed failed) {
                closeQuietly(socket);
                LOG.info("peer handshake with {} at {} failed: {} by {}", target.user(),
                    target.address(), failed.reason(), failed.by());
                return failed.by() == HandshakeResult.By.PEER
                    ? new LinkResult.Refused(failed.reason())
                    : new LinkResult.Rejected(failed.reason());
            }
            PeerLink link = new PeerLink(socket, reader, (HandshakeResult.Done) result, handler,
                limits);
            links.add(link);
            Thread.ofVirtual().name("peer-link-" + target.user()).start(() -> {
                try {
                    link.serve();
                } finally {
                    links.remove(link);
                }
            });
            LOG.info("peer link {} <-> {} up (outgoing to {})", me.username(), target.user(),
                target.address());
            return new LinkResult.Linked(link);
        } catch (IOException broken) {
            closeQuietly(socket);
            return new LinkResult.Unreachable(target.address() + ": handshake broke: "
                + broken.getMessage());
        }
    }

    /** Links kept now (open or not yet noticed closed). */
    int kept() {
        lock.lock();
        try {
            return kept.size();
        } finally {
            lock.unlock();
        }
    }

    /** Closes every link (after a logout); new ones may be opened. */
    public void closeLinks() {
        lock.lock();
        try {
            kept.clear();
        } finally {
            lock.unlock();
        }
        links.closeLinks();
    }

    @Override
    public void close() {
        closed = true;
        closeLinks();
        links.close();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do.
        }
    }
}
