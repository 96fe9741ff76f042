package cnode.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.crypto.KeyPair;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * The small values of the peer layer: addresses, limits refused at start, the transcript's
 * role separation and key agreement, the seal's MAC and sequence rules, and secrets kept out
 * of every {@code toString}.
 */
class PeerFormsTest {
    @Test
    void addressesAreHostColonPort() {
        assertThat(PeerAddress.parse("127.0.0.1:8989"))
            .contains(new PeerAddress("127.0.0.1", 8989));
        assertThat(PeerAddress.parse("[::1]:8991")).contains(new PeerAddress("::1", 8991));
        assertThat(PeerAddress.parse("node.example:1").orElseThrow().text())
            .isEqualTo("node.example:1");
        assertThat(new PeerAddress("::1", 5).text()).isEqualTo("[::1]:5");
        for (String bad : new String[] {"", "no port", "host:", ":80", "host:0", "host:65536",
            "host:123456", "a b:1", "[::1:1"}) {
            assertThat(PeerAddress.parse(bad)).as(bad).isEmpty();
        }
        assertThat(PeerAddress.parse(null)).isEmpty();
    }

    @Test
    void limitsOutOfRangeRefuseToStart() {
        PeerLimits d = PeerLimits.defaults();
        assertThatThrownBy(() -> new PeerLimits(100, d.handshakeTimeoutMs(), d.readTimeoutMs(),
            d.idleTimeoutMs(), d.writeTimeoutMs(), d.connectionsMax(), d.inFlightMax(),
            d.requestTimeoutMsMax(), d.connectTimeoutMs(), d.connectAttempts(),
            d.retryBackoffMs(), d.linksMax())).hasMessageContaining("frameBytesMax");
        assertThatThrownBy(() -> new PeerLimits(d.frameBytesMax(), d.handshakeTimeoutMs(),
            d.readTimeoutMs(), d.idleTimeoutMs(), d.writeTimeoutMs(), 0, d.inFlightMax(),
            d.requestTimeoutMsMax(), d.connectTimeoutMs(), d.connectAttempts(),
            d.retryBackoffMs(), d.linksMax())).hasMessageContaining("connectionsMax");
        assertThatThrownBy(() -> new LocatorLimits(0, 1, 1, 1))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bothSidesDeriveTheSameKeysAndSignDifferentBytes() {
        SecureRandom random = new SecureRandom();
        X25519PrivateKeyParameters client = new X25519PrivateKeyParameters(random);
        X25519PrivateKeyParameters server = new X25519PrivateKeyParameters(random);
        byte[] clientNonce = new byte[32];
        byte[] serverNonce = new byte[32];
        random.nextBytes(clientNonce);
        random.nextBytes(serverNonce);
        HandshakeTranscript transcript = new HandshakeTranscript(1, "alice", "bob", clientNonce,
            client.generatePublicKey().getEncoded(), serverNonce,
            server.generatePublicKey().getEncoded());
        HandshakeTranscript.LinkKeys atClient =
            transcript.keys(client, transcript.serverEphemeral()).orElseThrow();
        HandshakeTranscript.LinkKeys atServer =
            transcript.keys(server, transcript.clientEphemeral()).orElseThrow();
        assertThat(atClient.clientToServer()).isEqualTo(atServer.clientToServer());
        assertThat(atClient.serverToClient()).isEqualTo(atServer.serverToClient());
        assertThat(atClient.clientToServer()).isNotEqualTo(atClient.serverToClient());
        assertThat(atClient.toString()).isEqualTo("LinkKeys[hidden]");

        assertThat(transcript.bytes(HandshakeTranscript.Role.CLIENT))
            .isNotEqualTo(transcript.bytes(HandshakeTranscript.Role.SERVER));
        assertThat(new String(transcript.bytes(HandshakeTranscript.Role.CLIENT),
            StandardCharsets.ISO_8859_1)).startsWith("\0\0\0\u0012cnode/handshake/v1");
        assertThat(transcript.keys(client, new byte[32])).as("a low-order point").isEmpty();
    }

    @Test
    void aSealOpensOnlyTheNextGenuineFrame() {
        byte[] key = new byte[32];
        key[0] = 7;
        FrameSeal sender = new FrameSeal(key);
        FrameSeal receiver = new FrameSeal(key);
        byte[] first = sender.seal("one".getBytes(StandardCharsets.UTF_8));
        byte[] second = sender.seal("two".getBytes(StandardCharsets.UTF_8));
        assertThat(FrameSeal.readSequence(second)).isEqualTo(1);

        assertThat(receiver.open(second).check()).isEqualTo(FrameSeal.Check.BAD_SEQUENCE);
        FrameSeal.Opened opened = receiver.open(first);
        assertThat(opened.check()).isEqualTo(FrameSeal.Check.OK);
        assertThat(new String(opened.payload(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(receiver.open(first).check()).isEqualTo(FrameSeal.Check.BAD_SEQUENCE);
        byte[] tampered = second.clone();
        tampered[9] ^= 1;
        assertThat(receiver.open(tampered).check()).isEqualTo(FrameSeal.Check.BAD_MAC);
        assertThat(receiver.open(new byte[40]).check()).isEqualTo(FrameSeal.Check.TOO_SHORT);
        assertThat(receiver.open(second).check()).isEqualTo(FrameSeal.Check.OK);

        byte[] otherKey = key.clone();
        otherKey[0] = 8;
        assertThat(new FrameSeal(otherKey).open(first).check())
            .isEqualTo(FrameSeal.Check.BAD_MAC);
    }

    @Test
    void secretsStayOutOfToString() {
        KeyPair keys = PeerNode.keys("alice");
        assertThat(new PeerIdentity("alice", keys).toString()).isEqualTo("PeerIdentity[alice]");
        assertThat(new FrameSeal(new byte[32]).toString()).isEqualTo("FrameSeal[sequence=0]");
    }

    @Test
    void aLinkMessageIsAnObjectWithAPositiveIdAndAnObjectBody() {
        String good = "{'kind':'PING','id':1,'reply':false,'body':{}}";
        assertThat(parse(good)).contains(new LinkMessage("PING", 1, false,
            PeerJson.object("{}".getBytes(StandardCharsets.UTF_8)).orElseThrow()));
        for (String bad : new String[] {"{'kind':'PING','id':1,'reply':false,'body':[]}",
            "{'kind':'PING','id':0,'reply':false,'body':{}}",
            "{'kind':'PING','id':1,'reply':false}",
            "{'kind':'PING','id':1,'reply':false,'body':{},'extra':1}",
            "{'kind':'PING','id':'1','reply':false,'body':{}}", "[]", "nonsense"}) {
            assertThat(parse(bad)).as(bad).isEmpty();
        }
    }

    private static Optional<LinkMessage> parse(String quoted) {
        return LinkMessage.parse(quoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }
}
