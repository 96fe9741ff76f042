package cnode.crypto;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 public key (RFC 8032): 32 bytes, a point on the curve. Its text form, as the
 * directory publishes it, is base64url without padding, 43 characters.
 *
 * <p>Not a record because it keeps BouncyCastle's decoded point beside the bytes: decoding a
 * point costs a square root, so a key that verifies many signatures decodes once. Equality is
 * that of the bytes. Immutable; safe to share between threads (BouncyCastle's verification
 * reads the decoded point only).
 */
public final class PublicKey {
    /** Bytes in a public key. */
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private final Ed25519PublicKeyParameters point;

    private PublicKey(byte[] bytes, Ed25519PublicKeyParameters point) {
        this.bytes = bytes;
        this.point = point;
    }

    /**
     * The key in {@code bytes}. Throws {@link IllegalArgumentException} unless they are 32 bytes
     * encoding a point on the curve; input from outside goes through {@link #parse} instead.
     */
    public static PublicKey of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a public key has " + LENGTH + " bytes");
        }
        byte[] copy = bytes.clone();
        return new PublicKey(copy, new Ed25519PublicKeyParameters(copy, 0));
    }

    /** The key whose text is {@code text}, or empty if it is not the canonical text of one. */
    public static Optional<PublicKey> parse(String text) {
        Optional<byte[]> bytes = Base64Url.decode(text, LENGTH);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(bytes.get()));
        } catch (IllegalArgumentException notAPoint) {
            return Optional.empty();
        }
    }

    /** Wraps a point derived from a private key, whose encoding is known to be valid. */
    static PublicKey derived(Ed25519PublicKeyParameters point) {
        return new PublicKey(point.getEncoded(), point);
    }

    /** Whether {@code signature} is this key's signature of {@code message} (pure Ed25519). */
    public boolean verifies(byte[] message, Signature signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, point);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature.bytes());
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The text form: base64url without padding. */
    public String text() {
        return Base64Url.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "PublicKey[" + text() + "]";
    }
}
