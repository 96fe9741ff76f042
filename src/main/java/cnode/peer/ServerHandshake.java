package cnode.peer;

import cnode.crypto.CanonicalWriter;
import cnode.crypto.Signature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * The server's side of the handshake (docs/PEER-PROTOCOL.md, "Handshake"): read HELLO, answer
 * WELCOME signed by the logged-in user, read the client's PROOF, verify it against the
 * directory's key of the claimed user, answer READY. Each check is a guard clause that refuses
 * by name, in this order: frame, kind, version, someone logged in, expected user, field forms,
 * key agreement; then after PROOF: frame, kind, signature form, user known, signature valid,
 * deadline. Stateless; one call per connection, on that connection's thread.
 */
final class ServerHandshake {
    private ServerHandshake() {}

    static HandshakeResult run(HandshakeChannel channel, Supplier<Optional<PeerIdentity>> who,
                               KeyDirectory keys, SecureRandom random)
        throws IOException, InterruptedException {
        HandshakeChannel.Received first = channel.receive();
        if (first.problem() != null) {
            return channel.refuse(first.problem());
        }
        JsonNode message = first.message();
        if (!HandshakeChannel.is(message, HandshakeMessages.Kind.HELLO)) {
            return channel.refuse(HandshakeRefusal.MALFORMED);
        }
        JsonNode version = message.get("version");
        if (version == null || !version.isInt()
            || version.intValue() != HandshakeMessages.VERSION) {
            return channel.refuse(HandshakeRefusal.WRONG_VERSION);
        }
        Optional<HandshakeMessages.Hello> hello =
            PeerJson.as(message, HandshakeMessages.Hello.class);
        if (hello.isEmpty()) {
            return channel.refuse(HandshakeRefusal.MALFORMED);
        }
        Optional<PeerIdentity> identity = who.get();
        if (identity.isEmpty()) {
            return channel.refuse(HandshakeRefusal.NOBODY_LOGGED_IN);
        }
        if (!identity.get().username().equals(hello.get().to())) {
            return channel.refuse(HandshakeRefusal.WRONG_USER);
        }
        return welcome(channel, hello.get(), identity.get(), keys, random);
    }

    private static HandshakeResult welcome(HandshakeChannel channel,
                                           HandshakeMessages.Hello hello, PeerIdentity me,
                                           KeyDirectory keys, SecureRandom random)
        throws IOException, InterruptedException {
        Optional<byte[]> clientNonce =
            PeerJson.bytes(hello.nonce(), HandshakeTranscript.NONCE_BYTES);
        Optional<byte[]> clientEphemeral =
            PeerJson.bytes(hello.ephemeral(), HandshakeTranscript.EPHEMERAL_BYTES);
        if (clientNonce.isEmpty() || clientEphemeral.isEmpty() || !username(hello.from())) {
            return channel.refuse(HandshakeRefusal.MALFORMED);
        }
        byte[] nonce = new byte[HandshakeTranscript.NONCE_BYTES];
        random.nextBytes(nonce);
        X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
        HandshakeTranscript transcript = new HandshakeTranscript(HandshakeMessages.VERSION,
            hello.from(), me.username(), clientNonce.get(), clientEphemeral.get(), nonce,
            ephemeral.generatePublicKey().getEncoded());
        Optional<HandshakeTranscript.LinkKeys> linkKeys =
            transcript.keys(ephemeral, clientEphemeral.get());
        if (linkKeys.isEmpty()) {
            return channel.refuse(HandshakeRefusal.MALFORMED);
        }
        Signature mine = me.keys().sign(transcript.bytes(HandshakeTranscript.Role.SERVER));
        channel.send(HandshakeMessages.welcome(me.username(), nonce,
            transcript.serverEphemeral(), mine.bytes()));
        return proof(channel, transcript, linkKeys.get(), keys);
    }

    private static HandshakeResult proof(HandshakeChannel channel,
                                         HandshakeTranscript transcript,
                                         HandshakeTranscript.LinkKeys linkKeys,
                                         KeyDirectory keys)
        throws IOException, InterruptedException {
        HandshakeChannel.Received second = channel.receive();
        if (second.problem() != null) {
            return channel.refuse(second.problem());
        }
        if (HandshakeChannel.is(second.message(), HandshakeMessages.Kind.REFUSED)) {
            return HandshakeChannel.refusedByPeer(second.message());
        }
        Optional<Signature> signature = HandshakeChannel.is(second.message(),
                HandshakeMessages.Kind.PROOF)
            ? PeerJson.as(second.message(), HandshakeMessages.Proof.class)
                .flatMap(proof -> PeerJson.bytes(proof.signature(), Signature.LENGTH))
                .map(Signature::new)
            : Optional.empty();
        if (signature.isEmpty()) {
            return channel.refuse(HandshakeRefusal.MALFORMED);
        }
        HandshakeChannel.KeyLookup client = channel.lookup(keys, transcript.clientUser());
        if (client.problem() != null) {
            return channel.refuse(client.problem());
        }
        if (!client.key().verifies(transcript.bytes(HandshakeTranscript.Role.CLIENT),
            signature.get())) {
            return channel.refuse(HandshakeRefusal.BAD_SIGNATURE);
        }
        if (channel.leftMs() <= 0) {
            return channel.refuse(HandshakeRefusal.HANDSHAKE_TIMEOUT);
        }
        channel.send(HandshakeMessages.ready());
        return new HandshakeResult.Done(transcript.serverUser(), transcript.clientUser(),
            new FrameSeal(linkKeys.serverToClient()), new FrameSeal(linkKeys.clientToServer()));
    }

    /** A claimed username the transcript can hold: 1 to 64 characters of exact UTF-8. */
    static boolean username(String name) {
        return name != null && !name.isEmpty() && name.length() <= 64
            && CanonicalWriter.wellFormed(name);
    }
}
