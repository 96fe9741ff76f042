package cnode.peer;

import cnode.crypto.Signature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * The client's side of the handshake (docs/PEER-PROTOCOL.md, "Handshake"): send HELLO, read
 * WELCOME, check that the server is the user expected and that its signature verifies with
 * the directory's key of that user, send PROOF, read READY. A REFUSED frame from the server
 * ends it as the server's refusal; a check that fails here sends REFUSED to the server. Order
 * of the checks: frame, kind, fields' form, expected user, key agreement, user known,
 * signature valid. Stateless; one call per connection, on the caller's thread.
 */
final class ClientHandshake {
    private ClientHandshake() {}

    static HandshakeResult run(HandshakeChannel channel, PeerIdentity me, String expected,
                               KeyDirectory keys, SecureRandom random)
        throws IOException, InterruptedException {
        byte[] nonce = new byte[HandshakeTranscript.NONCE_BYTES];
        random.nextBytes(nonce);
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
        byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();
        channel.send(HandshakeMessages.hello(me.username(), expected, nonce, ephemeralPublic));
        HandshakeChannel.Received answer = channel.receive();
        if (answer.problem() != null) {
            return channel.refuse(answer.problem());
        }
        JsonNode message = answer.message();
        if (HandshakeChannel.is(message, HandshakeMessages.Kind.REFUSED)) {
            return HandshakeChannel.refusedByPeer(message);
        }
        Optional<HandshakeMessages.Welcome> welcome =
            HandshakeChannel.is(message, HandshakeMessages.Kind.WELCOME)
                ? PeerJson.as(message, HandshakeMessages.Welcome.class) : Optional.empty();
        if (welcome.isEmpty()) {
            return channel.refuse(HandshakeRefusal.MALFORMED);
        }
        Optional<byte[]> serverNonce =
            PeerJson.bytes(welcome.get().nonce(), HandshakeTranscript.NONCE_BYTES);
        Optional<byte[]> serverEphemeral =
            PeerJson.bytes(welcome.get().ephemeral(), HandshakeTranscript.EPHEMERAL_BYTES);
        Optional<Signature> signature = PeerJson.bytes(welcome.get().signature(),
            Signature.LENGTH).map(Signature::new);
        if (serverNonce.isEmpty() || serverEphemeral.isEmpty() || signature.isEmpty()) {
            return channel.refuse(HandshakeRefusal.MALFORMED);
        }
        if (!expected.equals(welcome.get().user())) {
            return channel.refuse(HandshakeRefusal.WRONG_USER);
        }
        HandshakeTranscript transcript = new HandshakeTranscript(HandshakeMessages.VERSION,
            me.username(), expected, nonce, ephemeralPublic, serverNonce.get(),
            serverEphemeral.get());
        return verify(channel, transcript, signature.get(), ephemeral, me, keys);
    }

    private static HandshakeResult verify(HandshakeChannel channel,
                                          HandshakeTranscript transcript, Signature signature,
                                          X25519PrivateKeyParameters ephemeral, PeerIdentity me,
                                          KeyDirectory keys)
        throws IOException, InterruptedException {
        Optional<HandshakeTranscript.LinkKeys> linkKeys =
            transcript.keys(ephemeral, transcript.serverEphemeral());
        if (linkKeys.isEmpty()) {
            return channel.refuse(HandshakeRefusal.MALFORMED);
        }
        HandshakeChannel.KeyLookup server = channel.lookup(keys, transcript.serverUser());
        if (server.problem() != null) {
            return channel.refuse(server.problem());
        }
        if (!server.key().verifies(transcript.bytes(HandshakeTranscript.Role.SERVER),
            signature)) {
            return channel.refuse(HandshakeRefusal.BAD_SIGNATURE);
        }
        Signature mine = me.keys().sign(transcript.bytes(HandshakeTranscript.Role.CLIENT));
        channel.send(HandshakeMessages.proof(mine.bytes()));
        HandshakeChannel.Received last = channel.receive();
        if (last.problem() != null) {
            return channel.refuse(last.problem());
        }
        if (HandshakeChannel.is(last.message(), HandshakeMessages.Kind.REFUSED)) {
            return HandshakeChannel.refusedByPeer(last.message());
        }
        if (!HandshakeChannel.is(last.message(), HandshakeMessages.Kind.READY)
            || PeerJson.as(last.message(), HandshakeMessages.Ready.class).isEmpty()) {
            return channel.refuse(HandshakeRefusal.MALFORMED);
        }
        return new HandshakeResult.Done(me.username(), transcript.serverUser(),
            new FrameSeal(linkKeys.get().clientToServer()),
            new FrameSeal(linkKeys.get().serverToClient()));
    }
}
