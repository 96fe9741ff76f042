package cnode.peer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated link to another user's node: requests both ways, each answered once,
 * every frame sealed with this direction's HMAC and next sequence number
 * (docs/PEER-PROTOCOL.md). Either side may ask; requests that arrive go to the
 * {@link PeerHandler}, each on a virtual thread of its own.
 *
 * <p>Invariants: at most {@link PeerLimits#inFlightMax()} requests wait for answers and at
 * most as many are being answered; once the link has ended it stays ended with the first
 * reason, every waiting request gets {@link PeerReply.LinkClosed}, and nothing more is sent.
 * Threads: one reader thread runs {@link #serve()} and alone opens frames; senders take the
 * send lock, which alone seals frames and writes; the rest is thread-safe.
 */
public final class PeerLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);

    private final Socket socket;
    private final FrameReader reader;
    private final OutputStream out;
    private final String localUser;
    private final String remoteUser;
    private final FrameSeal sendSeal;
    private final FrameSeal receiveSeal;
    private final PeerHandler handler;
    private final PeerLimits limits;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final Semaphore outgoing;
    private final Semaphore incoming;
    private final ConcurrentHashMap<Long, CompletableFuture<PeerReply>> waiting =
        new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final AtomicReference<LinkEnd> end = new AtomicReference<>();
    /** When the write in progress began (nanoTime), or 0 when none is. */
    private volatile long writeStartedNs;

    PeerLink(Socket socket, FrameReader reader, HandshakeResult.Done done, PeerHandler handler,
             PeerLimits limits) throws IOException {
        this.socket = socket;
        this.reader = reader;
        this.out = socket.getOutputStream();
        this.localUser = done.localUser();
        this.remoteUser = done.remoteUser();
        this.sendSeal = done.send();
        this.receiveSeal = done.receive();
        this.handler = handler;
        this.limits = limits;
        this.outgoing = new Semaphore(limits.inFlightMax());
        this.incoming = new Semaphore(limits.inFlightMax());
    }

    /** The user this node spoke for when the link was made. */
    public String localUser() {
        return localUser;
    }

    /** The user the handshake authenticated at the other end. */
    public String remoteUser() {
        return remoteUser;
    }

    public boolean isOpen() {
        return end.get() == null;
    }

    /** Why the link ended; empty while it is open. */
    public Optional<LinkEnd> end() {
        return Optional.ofNullable(end.get());
    }

    /**
     * Sends a request and waits at most {@code timeoutMs} for its answer. Never throws for an
     * expected outcome: the answer, the other side's refusal, {@link PeerReply.TimedOut},
     * {@link PeerReply.LinkClosed} or {@link PeerReply.Busy} (nothing sent).
     *
     * @param body a JSON object whose frame fits {@link PeerLimits#frameBytesMax()}; a larger
     *     one, or a timeout outside 1 ms to {@link PeerLimits#requestTimeoutMsMax()}, is a bug
     */
    public PeerReply request(PeerMessageKind kind, JsonNode body, long timeoutMs)
        throws InterruptedException {
        Objects.requireNonNull(kind, "kind");
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("a request's body is a JSON object");
        }
        if (timeoutMs < 1 || timeoutMs > limits.requestTimeoutMsMax()) {
            throw new IllegalArgumentException("request timeout out of range: " + timeoutMs);
        }
        if (!outgoing.tryAcquire()) {
            return new PeerReply.Busy();
        }
        try {
            return ask(LinkMessage.request(lastId.incrementAndGet(), kind, body), timeoutMs);
        } finally {
            outgoing.release();
        }
    }

    private PeerReply ask(LinkMessage request, long timeoutMs) throws InterruptedException {
        byte[] payload = PeerJson.write(request);
        if (!fits(payload)) {
            throw new IllegalArgumentException("request of " + payload.length
                + " bytes does not fit a frame of " + limits.frameBytesMax());
        }
        CompletableFuture<PeerReply> answer = new CompletableFuture<>();
        waiting.put(request.id(), answer);
        try {
            // Checked after registering: an end that raced past the drain is seen here.
            if (end.get() != null || !send(payload)) {
                return new PeerReply.LinkClosed(Objects.requireNonNullElse(end.get(),
                    LinkEnd.BROKEN));
            }
            return answer.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            return new PeerReply.TimedOut();
        } catch (ExecutionException bug) {
            throw new IllegalStateException("a request's answer failed", bug.getCause());
        } finally {
            waiting.remove(request.id());
        }
    }

    private boolean fits(byte[] payload) {
        return payload.length <= limits.frameBytesMax() - FrameSeal.SEQUENCE_BYTES
            - FrameSeal.MAC_BYTES;
    }

    /** Seals and writes one payload; false when the link has ended or the write failed. */
    private boolean send(byte[] payload) {
        sendLock.lock();
        try {
            if (end.get() != null) {
                return false;
            }
            writeStartedNs = System.nanoTime() | 1;
            FrameReader.write(out, sendSeal.seal(payload));
            return true;
        } catch (IOException broken) {
            finish(LinkEnd.BROKEN);
            return false;
        } finally {
            writeStartedNs = 0;
            sendLock.unlock();
        }
    }

    /**
     * Reads and handles frames until the link ends; run by the one thread that owns the
     * connection's reading side. Returns when the link has ended.
     */
    void serve() {
        try {
            while (end.get() == null) {
                FrameReader.Read read = reader.read(limits.idleTimeoutMs(),
                    limits.readTimeoutMs());
                switch (read.status()) {
                    case FRAME -> receive(read.bytes());
                    case QUIET -> {
                        if (waiting.isEmpty()
                            && incoming.availablePermits() == limits.inFlightMax()) {
                            finish(LinkEnd.IDLE);
                        }
                    }
                    case END -> finish(LinkEnd.ENDED);
                    case TIMEOUT -> finish(LinkEnd.READ_TIMEOUT);
                    case TOO_LARGE -> finish(LinkEnd.FRAME_TOO_LARGE);
                    case EMPTY -> finish(LinkEnd.MALFORMED);
                }
            }
        } catch (IOException broken) {
            finish(LinkEnd.BROKEN);
        }
    }

    private void receive(byte[] frame) {
        FrameSeal.Opened opened = receiveSeal.open(frame);
        switch (opened.check()) {
            case TOO_SHORT -> finish(LinkEnd.MALFORMED);
            case BAD_MAC -> finish(LinkEnd.BAD_MAC);
            case BAD_SEQUENCE -> finish(LinkEnd.BAD_SEQUENCE);
            case OK -> {
                Optional<LinkMessage> message = LinkMessage.parse(opened.payload());
                if (message.isEmpty()) {
                    finish(LinkEnd.MALFORMED);
                } else if (message.get().reply()) {
                    answered(message.get());
                } else {
                    asked(message.get());
                }
            }
        }
    }

    private void answered(LinkMessage message) {
        Optional<PeerReply> reply = message.asReply();
        if (reply.isEmpty()) {
            finish(LinkEnd.MALFORMED);
            return;
        }
        CompletableFuture<PeerReply> answer = waiting.get(message.id());
        if (answer == null) {
            LOG.debug("peer link {} <- {}: late answer to request {} dropped", localUser,
                remoteUser, message.id());
            return;
        }
        answer.complete(reply.get());
    }

    private void asked(LinkMessage message) {
        Optional<PeerMessageKind> kind = message.knownKind();
        if (kind.isEmpty()) {
            reply(message.id(), new PeerReply.Refused("UNKNOWN_KIND"));
            return;
        }
        if (!incoming.tryAcquire()) {
            reply(message.id(), new PeerReply.Refused("BUSY"));
            return;
        }
        Thread.ofVirtual().name("peer-request-" + remoteUser).start(() -> {
            try {
                reply(message.id(), handle(kind.get(), message.body()));
            } finally {
                incoming.release();
            }
        });
    }

    private PeerReply handle(PeerMessageKind kind, JsonNode body) {
        try {
            PeerReply reply = handler.handle(remoteUser, kind, body);
            if (reply instanceof PeerReply.Answered || reply instanceof PeerReply.Refused) {
                return reply;
            }
            LOG.error("peer handler answered {} from {} with {}", kind, remoteUser, reply);
        } catch (RuntimeException bug) {
            LOG.error("peer handler failed on {} from {}", kind, remoteUser, bug);
        }
        return new PeerReply.Refused("HANDLER_FAILED");
    }

    private void reply(long id, PeerReply reply) {
        byte[] payload = PeerJson.write(LinkMessage.reply(id, reply));
        if (!fits(payload)) {
            LOG.error("peer answer to {} request {} is {} bytes, over a frame", remoteUser, id,
                payload.length);
            payload = PeerJson.write(LinkMessage.reply(id,
                new PeerReply.Refused("ANSWER_TOO_LARGE")));
        }
        send(payload);
    }

    /** Ends the link as WRITE_STALLED if a write has hung past its limit; true if so. */
    boolean endIfStalled(long nowNs) {
        long started = writeStartedNs;
        if (started != 0
            && nowNs - started > TimeUnit.MILLISECONDS.toNanos(limits.writeTimeoutMs())) {
            finish(LinkEnd.WRITE_STALLED);
            return true;
        }
        return false;
    }

    /** Ends the link: closes the connection; waiting requests get {@code LinkClosed}. */
    @Override
    public void close() {
        finish(LinkEnd.CLOSED);
    }

    private void finish(LinkEnd why) {
        if (!end.compareAndSet(null, why)) {
            return;
        }
        if (why.brokenByPeer()) {
            LOG.warn("peer link {} <-> {} closed: {} (the peer broke the protocol)", localUser,
                remoteUser, why);
        } else {
            LOG.info("peer link {} <-> {} closed: {}", localUser, remoteUser, why);
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do; a failure to close changes nothing.
        }
        PeerReply closed = new PeerReply.LinkClosed(why);
        waiting.values().forEach(answer -> answer.complete(closed));
    }

    @Override
    public String toString() {
        return "PeerLink[" + localUser + " <-> " + remoteUser + ", "
            + (isOpen() ? "open" : end.get()) + "]";
    }
}
