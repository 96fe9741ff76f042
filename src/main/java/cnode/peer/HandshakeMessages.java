package cnode.peer;

/**
 * The handshake's messages as they travel, one JSON object per plain (unsealed) frame, each
 * with its {@code kind}. Byte fields are base64url without padding. The order: the client
 * sends {@link Hello}; the server answers {@link Welcome} (or {@link Refused}); the client
 * sends {@link Proof} (or {@link Refused}); the server answers {@link Ready} (or
 * {@link Refused}). From then on every frame is sealed. Immutable values.
 */
final class HandshakeMessages {
    /** The protocol version this code speaks. */
    static final int VERSION = 1;

    /** The handshake's kinds, kept apart from the link's {@link PeerMessageKind}. */
    enum Kind { HELLO, WELCOME, PROOF, READY, REFUSED }

    private HandshakeMessages() {}

    /**
     * The client's opening.
     *
     * @param from the client's user
     * @param to the user the client expects at the server
     * @param nonce 32 random bytes
     * @param ephemeral the client's ephemeral X25519 public key
     */
    record Hello(String kind, int version, String from, String to, String nonce,
                 String ephemeral) {}

    /** The server's answer: who it is, its nonce and ephemeral key, its transcript signature. */
    record Welcome(String kind, String user, String nonce, String ephemeral,
                   String signature) {}

    /** The client's transcript signature. */
    record Proof(String kind, String signature) {}

    /** The server accepted the client: the link is up. */
    record Ready(String kind) {}

    /** One side refuses, naming a {@link HandshakeRefusal}, and closes. */
    record Refused(String kind, String reason) {}

    static Hello hello(String from, String to, byte[] nonce, byte[] ephemeral) {
        return new Hello(Kind.HELLO.name(), VERSION, from, to, PeerJson.bytes(nonce),
            PeerJson.bytes(ephemeral));
    }

    static Welcome welcome(String user, byte[] nonce, byte[] ephemeral, byte[] signature) {
        return new Welcome(Kind.WELCOME.name(), user, PeerJson.bytes(nonce),
            PeerJson.bytes(ephemeral), PeerJson.bytes(signature));
    }

    static Proof proof(byte[] signature) {
        return new Proof(Kind.PROOF.name(), PeerJson.bytes(signature));
    }

    static Ready ready() {
        return new Ready(Kind.READY.name());
    }

    static Refused refused(HandshakeRefusal reason) {
        return new Refused(Kind.REFUSED.name(), reason.name());
    }
}
