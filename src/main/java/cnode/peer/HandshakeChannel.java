package cnode.peer;

import cnode.crypto.PublicKey;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One handshake's connection, under its one deadline ({@link PeerLimits#handshakeTimeoutMs()}
 * from accept or connect): plain JSON frames out and in, refusals, and the directory lookup,
 * which runs on a thread of its own so that a slow directory cannot stretch the deadline.
 * Owned by the thread that runs the handshake.
 */
final class HandshakeChannel {
    /** A frame received: its JSON object, or the refusal its absence calls for. */
    record Received(JsonNode message, HandshakeRefusal problem) {}

    /** A key looked up: the key, or the refusal its absence calls for. */
    record KeyLookup(PublicKey key, HandshakeRefusal problem) {}

    private final FrameReader reader;
    private final OutputStream out;
    private final PeerLimits limits;
    private final long deadlineNs;

    HandshakeChannel(FrameReader reader, OutputStream out, PeerLimits limits) {
        this.reader = reader;
        this.out = out;
        this.limits = limits;
        this.deadlineNs = System.nanoTime()
            + TimeUnit.MILLISECONDS.toNanos(limits.handshakeTimeoutMs());
    }

    long leftMs() {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
    }

    void send(Object message) throws IOException {
        FrameReader.write(out, PeerJson.write(message));
    }

    /** The next frame as a JSON object, within the time left. */
    Received receive() throws IOException {
        long leftMs = leftMs();
        FrameReader.Read read = reader.read(leftMs, Math.min(limits.readTimeoutMs(), leftMs));
        return switch (read.status()) {
            case FRAME -> PeerJson.object(read.bytes())
                .map(message -> new Received(message, null))
                .orElse(new Received(null, HandshakeRefusal.MALFORMED));
            case QUIET, TIMEOUT -> new Received(null, HandshakeRefusal.HANDSHAKE_TIMEOUT);
            case TOO_LARGE -> new Received(null, HandshakeRefusal.FRAME_TOO_LARGE);
            case END, EMPTY -> new Received(null, HandshakeRefusal.MALFORMED);
        };
    }

    /** Whether {@code message} is of {@code kind}. */
    static boolean is(JsonNode message, HandshakeMessages.Kind kind) {
        return PeerJson.text(message, "kind").filter(kind.name()::equals).isPresent();
    }

    /** This side refuses: one REFUSED frame, best effort (the caller closes). */
    HandshakeResult.Failed refuse(HandshakeRefusal reason) {
        try {
            send(HandshakeMessages.refused(reason));
        } catch (IOException alreadyGone) {
            // The refusal is a courtesy; the connection closes either way.
        }
        return new HandshakeResult.Failed(reason, HandshakeResult.By.US);
    }

    /** The other side's REFUSED frame as a result; an unknown reason reads as MALFORMED. */
    static HandshakeResult.Failed refusedByPeer(JsonNode message) {
        HandshakeRefusal reason = PeerJson.as(message, HandshakeMessages.Refused.class)
            .flatMap(refused -> known(refused.reason()))
            .orElse(HandshakeRefusal.MALFORMED);
        return new HandshakeResult.Failed(reason, HandshakeResult.By.PEER);
    }

    private static Optional<HandshakeRefusal> known(String name) {
        for (HandshakeRefusal reason : HandshakeRefusal.values()) {
            if (reason.name().equals(name)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    /** The directory's key of {@code user}, within the time left. */
    KeyLookup lookup(KeyDirectory keys, String user) throws InterruptedException {
        FutureTask<Optional<PublicKey>> task = new FutureTask<>(() -> keys.publicKey(user));
        Thread.ofVirtual().name("peer-key-lookup").start(task);
        try {
            Optional<PublicKey> key = task.get(Math.max(0, leftMs()), TimeUnit.MILLISECONDS);
            return key.map(found -> new KeyLookup(found, null))
                .orElse(new KeyLookup(null, HandshakeRefusal.UNKNOWN_USER));
        } catch (TimeoutException slow) {
            task.cancel(true);
            return new KeyLookup(null, HandshakeRefusal.HANDSHAKE_TIMEOUT);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof IOException) {
                return new KeyLookup(null, HandshakeRefusal.DIRECTORY_UNREACHABLE);
            }
            throw new IllegalStateException("the key directory failed", failed.getCause());
        }
    }
}
