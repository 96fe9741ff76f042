package cnode.peer;

import static cnode.peer.PeerNode.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import cnode.crypto.KeyPair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The port against a raw test peer that sends what no well-behaved node would: each wrong
 * handshake is answered with one REFUSED frame naming the reason and the connection closed;
 * each broken frame on an authenticated link (tampered payload or HMAC, replayed or reordered
 * sequence, oversize, not a message) closes the link. Also the connection limit and the
 * handshake time limit.
 */
class PeerRefusalTest {
    private static final KeyPair ALICE = PeerNode.keys("alice");
    private static final KeyPair BOB = PeerNode.keys("bob");
    private static final PeerIdentity AS_ALICE = new PeerIdentity("alice", ALICE);

    private final MapDirectory directory = new MapDirectory()
        .with("alice", ALICE.publicKey()).with("bob", BOB.publicKey());
    private PeerPort bob;

    private PeerPort bob(PeerLimits limits) throws Exception {
        bob = PeerPort.start(new InetSocketAddress("127.0.0.1", 0), limits,
            () -> Optional.of(new PeerIdentity("bob", BOB)), directory, PeerHandler.PONG);
        return bob;
    }

    @AfterEach
    void close() {
        if (bob != null) {
            bob.close();
        }
    }

    private static void refusedAs(RawPeer raw, HandshakeRefusal reason) throws Exception {
        JsonNode refused = raw.readJson();
        assertThat(refused.get("kind").textValue()).isEqualTo("REFUSED");
        assertThat(refused.get("reason").textValue()).isEqualTo(reason.name());
        assertThat(raw.closedByPeer()).isTrue();
    }

    private static HandshakeMessages.Hello hello(int version, byte[] nonce, byte[] ephemeral) {
        return new HandshakeMessages.Hello("HELLO", version, "alice", "bob",
            PeerJson.bytes(nonce), PeerJson.bytes(ephemeral));
    }

    @Test
    void aWrongVersionGarbageOrAnUnexpectedKindIsRefusedByName() throws Exception {
        bob(PeerLimits.defaults());
        try (RawPeer raw = RawPeer.connect(bob.port())) {
            raw.json(hello(2, new byte[32], new byte[32]));
            refusedAs(raw, HandshakeRefusal.WRONG_VERSION);
        }
        try (RawPeer raw = RawPeer.connect(bob.port())) {
            raw.frame("not json at all".getBytes(StandardCharsets.UTF_8));
            refusedAs(raw, HandshakeRefusal.MALFORMED);
        }
        try (RawPeer raw = RawPeer.connect(bob.port())) {
            raw.json(HandshakeMessages.proof(new byte[64]));
            refusedAs(raw, HandshakeRefusal.MALFORMED);
        }
        try (RawPeer raw = RawPeer.connect(bob.port())) {
            raw.json(hello(1, new byte[31], new byte[32]));
            refusedAs(raw, HandshakeRefusal.MALFORMED);
        }
        try (RawPeer raw = RawPeer.connect(bob.port())) {
            raw.json(new HandshakeMessages.Hello("HELLO", 1, "alice", "carol",
                PeerJson.bytes(new byte[32]), PeerJson.bytes(new byte[32])));
            refusedAs(raw, HandshakeRefusal.WRONG_USER);
        }
    }

    @Test
    void aProofSignedWithAnotherKeyIsRefused() throws Exception {
        bob(PeerLimits.defaults());
        SecureRandom random = new SecureRandom();
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
        byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();
        try (RawPeer raw = RawPeer.connect(bob.port())) {
            raw.json(hello(1, nonce, ephemeralPublic));
            JsonNode welcome = raw.readJson();
            assertThat(welcome.get("kind").textValue()).isEqualTo("WELCOME");
            HandshakeTranscript transcript = new HandshakeTranscript(1, "alice", "bob", nonce,
                ephemeralPublic, PeerJson.bytes(welcome.get("nonce").textValue(), 32).get(),
                PeerJson.bytes(welcome.get("ephemeral").textValue(), 32).get());
            byte[] forged = PeerNode.keys("mallory")
                .sign(transcript.bytes(HandshakeTranscript.Role.CLIENT)).bytes();
            raw.json(HandshakeMessages.proof(forged));
            refusedAs(raw, HandshakeRefusal.BAD_SIGNATURE);
        }
        try (RawPeer raw = RawPeer.connect(bob.port())) {
            raw.json(hello(1, nonce, ephemeralPublic));
            JsonNode welcome = raw.readJson();
            HandshakeTranscript transcript = new HandshakeTranscript(1, "alice", "bob", nonce,
                ephemeralPublic, PeerJson.bytes(welcome.get("nonce").textValue(), 32).get(),
                PeerJson.bytes(welcome.get("ephemeral").textValue(), 32).get());
            byte[] serversRole = ALICE.sign(transcript.bytes(HandshakeTranscript.Role.SERVER))
                .bytes();
            raw.json(HandshakeMessages.proof(serversRole));
            refusedAs(raw, HandshakeRefusal.BAD_SIGNATURE);
        }
    }

    @Test
    void anOversizeFrameIsRefusedBeforeItIsRead() throws Exception {
        bob(PeerLimits.defaults());
        try (RawPeer raw = RawPeer.connect(bob.port())) {
            raw.header(65_537);
            refusedAs(raw, HandshakeRefusal.FRAME_TOO_LARGE);
        }
        try (RawPeer raw = linked()) {
            raw.header(65_537);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void aSilentClientIsDroppedAtTheHandshakeLimit() throws Exception {
        bob(limits(300, 256));
        long startNs = System.nanoTime();
        try (RawPeer raw = RawPeer.connect(bob.port())) {
            refusedAs(raw, HandshakeRefusal.HANDSHAKE_TIMEOUT);
        }
        long tookMs = (System.nanoTime() - startNs) / 1_000_000;
        assertThat(tookMs).isBetween(250L, 5_000L);
        eventually(() -> bob.connections() == 0, "the connection is forgotten");
    }

    @Test
    void theConnectionLimitIsKeptAtAccept() throws Exception {
        bob(limits(10_000, 2));
        RawPeer first = RawPeer.connect(bob.port());
        RawPeer second = RawPeer.connect(bob.port());
        try {
            eventually(() -> bob.connections() == 2, "two connections held");
            try (RawPeer third = RawPeer.connect(bob.port())) {
                refusedAs(third, HandshakeRefusal.BUSY);
            }
            assertThat(bob.connections()).isEqualTo(2);
            first.close();
            eventually(() -> bob.connections() == 1, "the closed one is forgotten");
            try (RawPeer fourth = RawPeer.connect(bob.port())) {
                assertThat(fourth.handshake(AS_ALICE, "bob", directory))
                    .isInstanceOf(HandshakeResult.Done.class);
                assertThat(ping(fourth, 1)).isTrue();
            }
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aTamperedPayloadClosesTheLink() throws Exception {
        bob(PeerLimits.defaults());
        try (RawPeer raw = linked()) {
            assertThat(ping(raw, 1)).isTrue();
            byte[] frame = raw.sealed(request(2));
            frame[FrameSeal.SEQUENCE_BYTES + 3] ^= 0x01;
            raw.frame(frame);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void aTamperedHmacClosesTheLink() throws Exception {
        bob(PeerLimits.defaults());
        try (RawPeer raw = linked()) {
            byte[] frame = raw.sealed(request(1));
            frame[frame.length - 1] ^= (byte) 0x80;
            raw.frame(frame);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void aReplayedFrameClosesTheLink() throws Exception {
        bob(PeerLimits.defaults());
        try (RawPeer raw = linked()) {
            byte[] frame = raw.sealed(request(1));
            raw.frame(frame);
            assertThat(raw.readSealed().kind()).isEqualTo("PONG");
            raw.frame(frame);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void aFrameOutOfOrderClosesTheLink() throws Exception {
        bob(PeerLimits.defaults());
        try (RawPeer raw = linked()) {
            raw.sealed(request(1));
            byte[] second = raw.sealed(request(2));
            raw.frame(second);
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void aSealedFrameThatIsNoMessageClosesTheLinkButAnUnknownKindIsRefused()
        throws Exception {
        bob(PeerLimits.defaults());
        try (RawPeer raw = linked()) {
            raw.frame(raw.sealed(new LinkMessage("BARTER", 1, false,
                JsonNodeFactory.instance.objectNode())));
            LinkMessage refused = raw.readSealed();
            assertThat(refused.kind()).isEqualTo("REFUSED");
            assertThat(refused.id()).isEqualTo(1);
            assertThat(refused.body().get("reason").textValue()).isEqualTo("UNKNOWN_KIND");
            assertThat(ping(raw, 2)).isTrue();
            raw.frame(raw.sealed(new LinkMessage("PING", 0, false,
                JsonNodeFactory.instance.objectNode())));
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    private RawPeer linked() throws Exception {
        RawPeer raw = RawPeer.connect(bob.port());
        assertThat(raw.handshake(AS_ALICE, "bob", directory))
            .isInstanceOf(HandshakeResult.Done.class);
        return raw;
    }

    private static LinkMessage request(long id) {
        return LinkMessage.request(id, PeerMessageKind.PING,
            JsonNodeFactory.instance.objectNode().put("n", id));
    }

    /** Sends a sealed PING and reads its PONG; true when the answer is the expected one. */
    private static boolean ping(RawPeer raw, long id) throws Exception {
        raw.frame(raw.sealed(request(id)));
        LinkMessage answer = raw.readSealed();
        return answer.reply() && answer.id() == id && answer.kind().equals("PONG")
            && answer.body().get("n").longValue() == id;
    }

    private static PeerLimits limits(long handshakeTimeoutMs, int connectionsMax) {
        PeerLimits d = PeerLimits.defaults();
        return new PeerLimits(d.frameBytesMax(), handshakeTimeoutMs, d.readTimeoutMs(),
            d.idleTimeoutMs(), d.writeTimeoutMs(), connectionsMax, d.inFlightMax(),
            d.requestTimeoutMsMax(), d.connectTimeoutMs(), d.connectAttempts(),
            d.retryBackoffMs(), d.linksMax());
    }
}
