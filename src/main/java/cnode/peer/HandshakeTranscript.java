package cnode.peer;

import cnode.crypto.CanonicalWriter;
import cnode.crypto.DomainTag;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * What both sides of a handshake agreed on, and what follows from it: the bytes each user
 * signs (tag {@code cnode/handshake/v1}, docs/SIGNATURES.md) and the link's two HMAC keys.
 *
 * <p>Signed bytes: the tag, then the role of the signer ({@code SERVER} or {@code CLIENT}, so
 * one side's signature is never the other's), the protocol version, the client's and the
 * server's usernames, the client's nonce and ephemeral X25519 key, the server's nonce and
 * ephemeral key. Both nonces are fresh, so a signature from an old handshake never fits a new
 * one; the ephemeral keys are signed, so nobody in between can swap them for their own.
 *
 * <p>Keys: HKDF-SHA256 with the X25519 shared secret as input, the client's nonce followed by
 * the server's as salt, and the same canonical bytes under the role {@code KEYS} as info;
 * 64 bytes out, the first 32 for frames from client to server, the last 32 for the other
 * direction. Immutable; the arrays are copied in.
 */
record HandshakeTranscript(int version, String clientUser, String serverUser,
                           byte[] clientNonce, byte[] clientEphemeral, byte[] serverNonce,
                           byte[] serverEphemeral) {
    static final int NONCE_BYTES = 32;
    static final int EPHEMERAL_BYTES = X25519PublicKeyParameters.KEY_SIZE;

    /** The three uses of the transcript's canonical bytes. */
    enum Role { SERVER, CLIENT, KEYS }

    /** The link's two HMAC keys; {@link #toString()} never shows them. */
    record LinkKeys(byte[] clientToServer, byte[] serverToClient) {
        @Override
        public String toString() {
            return "LinkKeys[hidden]";
        }
    }

    HandshakeTranscript {
        Objects.requireNonNull(clientUser, "clientUser");
        Objects.requireNonNull(serverUser, "serverUser");
        clientNonce = exact(clientNonce, NONCE_BYTES);
        clientEphemeral = exact(clientEphemeral, EPHEMERAL_BYTES);
        serverNonce = exact(serverNonce, NONCE_BYTES);
        serverEphemeral = exact(serverEphemeral, EPHEMERAL_BYTES);
    }

    private static byte[] exact(byte[] bytes, int length) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException("a handshake field has " + length + " bytes");
        }
        return bytes.clone();
    }

    /** The canonical bytes for {@code role}: what that side signs, or the HKDF info. */
    byte[] bytes(Role role) {
        return new CanonicalWriter(DomainTag.HANDSHAKE)
            .text(role.name())
            .number(version)
            .text(clientUser)
            .text(serverUser)
            .bytes(clientNonce)
            .bytes(clientEphemeral)
            .bytes(serverNonce)
            .bytes(serverEphemeral)
            .toBytes();
    }

    /**
     * The link keys from this side's ephemeral private key and the other side's ephemeral
     * public key; empty when the agreement fails (the other key is a low-order point, which
     * gives an all-zero secret).
     */
    Optional<LinkKeys> keys(X25519PrivateKeyParameters mine, byte[] theirs) {
        byte[] shared = new byte[X25519PrivateKeyParameters.SECRET_SIZE];
        try {
            mine.generateSecret(new X25519PublicKeyParameters(theirs, 0), shared, 0);
        } catch (IllegalStateException | IllegalArgumentException lowOrder) {
            return Optional.empty();
        }
        byte[] salt = new byte[NONCE_BYTES * 2];
        System.arraycopy(clientNonce, 0, salt, 0, NONCE_BYTES);
        System.arraycopy(serverNonce, 0, salt, NONCE_BYTES, NONCE_BYTES);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, salt, bytes(Role.KEYS)));
        byte[] out = new byte[64];
        hkdf.generateBytes(out, 0, out.length);
        Arrays.fill(shared, (byte) 0);
        LinkKeys keys = new LinkKeys(Arrays.copyOfRange(out, 0, 32),
            Arrays.copyOfRange(out, 32, 64));
        Arrays.fill(out, (byte) 0);
        return Optional.of(keys);
    }

    @Override
    public String toString() {
        return "HandshakeTranscript[" + clientUser + " -> " + serverUser + ", v" + version + "]";
    }
}
